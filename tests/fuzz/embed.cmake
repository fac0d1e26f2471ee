# Writes a C file holding a binary file's bytes:
#   cmake -DIN=file.wasm -DOUT=file.c -DNAME=symbol -P embed.cmake
# defines  const unsigned char NAME[]  and  const size_t NAME_len.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR len "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUT}" "/* Generated from ${IN} by tests/fuzz/embed.cmake. */\n"
                    "#include <stddef.h>\n"
                    "const unsigned char ${NAME}[] = {${bytes}};\n"
                    "const size_t ${NAME}_len = ${len};\n")
