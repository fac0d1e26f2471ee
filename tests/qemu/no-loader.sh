#!/bin/sh
# no-loader.sh IMAGE.map: fails if the firmware linked any object of the
# core's loader (decoder, compiler, opcode tables, constant-expression
# validation, image writer).  A GNU ld map lists every archive member the
# link pulled in; a firmware that only attaches precompiled images must
# pull none of these (docs/size.md, "Apps compiled with the firmware").
map=$1
[ -r "$map" ] || { echo "no-loader: cannot read $map"; exit 2; }
found=$(grep -oE 'libmote\.a\((decode|compile[a-z_]*|syntax|wasm_ops|constexpr|image_compile)\.c' "$map" | sort -u)
if [ -n "$found" ]; then
  echo "no-loader: $map links the loader:"; echo "$found"; exit 1
fi
echo "no-loader: ok"
