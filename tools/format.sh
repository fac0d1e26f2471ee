#!/usr/bin/env bash
# format.sh -- formats mote's C and C++ sources with clang-format and the
# root .clang-format.
#
#   tools/format.sh                  format every tracked source in place
#   tools/format.sh --check          change nothing; list the files that are not
#                                    formatted, exit 1 if there are any
#   tools/format.sh [--check] PATH.. only these files or folders
#
# --check exits 77 (skipped, for ctest) when it cannot judge: no
# clang-format, one that is not the reference version, or no git work tree.
#
# The sources are the tracked *.c, *.h, *.cpp and *.hpp files of the folders
# below (git ls-files: build folders and ../shared are never touched).  A file
# or a region that must keep a hand layout says so itself, between
# "/* clang-format off */" and "/* clang-format on */".
#
# clang-format's output differs between its versions, so one version is the
# reference: Debian 12's clang-format (14; toolchain/install-deps).  Another
# can be named with CLANG_FORMAT=<program>; the script says when the version
# is not the reference.
set -eu
cd "$(dirname "$0")/.."

folders=(core wasi-lite ota fs port boards tools tests examples bench)
reference_major=14

check=0
if [ "${1:-}" = "--check" ]; then
  check=1
  shift
fi
case "${1:-}" in
  -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "format.sh: unknown option $1 (--check, or paths)" >&2; exit 2 ;;
esac

clang_format="${CLANG_FORMAT:-}"
if [ -z "$clang_format" ]; then
  for candidate in clang-format-$reference_major clang-format; do
    if command -v "$candidate" >/dev/null 2>&1; then
      clang_format=$candidate
      break
    fi
  done
fi
if [ -z "$clang_format" ] || ! command -v "$clang_format" >/dev/null 2>&1; then
  echo "format.sh: no clang-format; run toolchain/install-deps (Debian package clang-format)" >&2
  [ $check -eq 1 ] && exit 77
  exit 2
fi
version=$("$clang_format" --version)
if ! printf '%s\n' "$version" | grep -qE "version $reference_major\."; then
  if [ $check -eq 1 ]; then
    echo "format.sh: $version is not the reference clang-format $reference_major: not checked" >&2
    exit 77
  fi
  echo "format.sh: warning: $version; the reference is clang-format $reference_major," \
       "whose output may differ" >&2
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "format.sh: not a git work tree (the sources are the tracked files)" >&2
  [ $check -eq 1 ] && exit 77
  exit 2
fi

if [ $# -gt 0 ]; then
  paths=("$@")
else
  paths=("${folders[@]}")
fi
mapfile -t files < <(git ls-files -- "${paths[@]}" | grep -E '\.(c|h|cpp|hpp)$' || true)
if [ ${#files[@]} -eq 0 ]; then
  echo "format.sh: no C or C++ sources under ${paths[*]}" >&2
  exit 2
fi

if [ $check -eq 0 ]; then
  printf '%s\0' "${files[@]}" | xargs -0 "$clang_format" -i --style=file
  echo "format.sh: ${#files[@]} files formatted"
  exit 0
fi

# --check: one clang-format run over every file (--dry-run reports each
# place it would change; a file is listed once).
mapfile -t unformatted < <(printf '%s\0' "${files[@]}" |
  xargs -0 "$clang_format" --style=file --dry-run 2>&1 |
  sed -n 's/^\(.*\):[0-9][0-9]*:[0-9][0-9]*: warning: code should be clang-formatted.*/\1/p' |
  sort -u)
if [ ${#unformatted[@]} -gt 0 ]; then
  printf '%s\n' "${unformatted[@]}"
  echo "format.sh: ${#unformatted[@]} of ${#files[@]} files are not formatted (tools/format.sh formats them)" >&2
  exit 1
fi
echo "format.sh: ${#files[@]} files, all formatted"
