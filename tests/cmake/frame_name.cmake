# mote_test_frame_name(<var> <name>): in <var>, what a backtrace frame shows
# between its "func N " and its "+0x..." for a function named <name> (a
# regex): "<name> ", or nothing in a core that keeps no names
# (MOTE_WITH_NAMES=OFF, as in minimal), whose frames give indices alone.
function(mote_test_frame_name var name)
  if(MOTE_WITH_NAMES)
    set(${var} "<${name}> " PARENT_SCOPE)
  else()
    set(${var} "" PARENT_SCOPE)
  endif()
endfunction()
