# mote_config_bool(<name> <doc> <default> <reset>): the option <name> with the
# configuration's <default>.  When <reset> (the configuration or its set
# changed) it takes the new default, unless its value differs from the
# default last given it: that value was chosen by hand (-D<name>=..., a
# preset's cacheVariables) and stays.  So does a value from a cache that
# recorded no default (made before this rule): it cannot tell.
function(mote_config_bool name doc default reset)
  set(chosen OFF)
  if(DEFINED CACHE{${name}})
    if(NOT DEFINED CACHE{${name}_DEFAULT})
      set(chosen ON)
    elseif((${name} AND NOT ${name}_DEFAULT) OR (NOT ${name} AND ${name}_DEFAULT))
      set(chosen ON)
    endif()
  endif()
  if(reset AND NOT chosen)
    set(${name} ${default} CACHE BOOL "${doc}" FORCE)
  else()
    option(${name} "${doc}" ${default})
  endif()
  set(${name}_DEFAULT ${default} CACHE INTERNAL "the default ${name} last had")
endfunction()
