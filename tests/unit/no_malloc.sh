#!/usr/bin/env bash
# The core must not reach for the heap or stdio: every byte comes from the
# embedder's arena.  Fails if the library references any such symbol.
# usage: no_malloc.sh <nm> <libmote_core.a>
set -u
nm_tool=$1
lib=$2
forbidden='^(malloc|calloc|realloc|free|aligned_alloc|posix_memalign|memalign|valloc|sbrk|_sbrk|brk|printf|fprintf|sprintf|snprintf|vsnprintf|puts|putchar|fopen|fwrite|fread|exit|abort)$'
# symbols used by some object of the archive and defined by none of them
defined=$("$nm_tool" --defined-only "$lib" | awk 'NF == 3 {print $3}' | sort -u)
undefined=$("$nm_tool" -u "$lib" | awk 'NF == 2 {print $2}' | sort -u | comm -23 - <(echo "$defined"))
if [ -z "$undefined" ]; then
  echo "no undefined symbols at all: is $lib the right library?" >&2
  exit 1
fi
bad=$(echo "$undefined" | grep -E "$forbidden")
if [ -n "$bad" ]; then
  echo "the core references forbidden symbols:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "the core references $(echo "$undefined" | wc -l) outside symbols, none of them allocation or stdio:"
echo "$undefined" | tr '\n' ' '
echo
