#!/bin/sh
# docs/ota.md's imgtool command lines, checked where imgtool is not
# installed: each runs through `mote-ota imgtool sign`, which applies
# imgtool's own command line rules (required -v, -H and -S, positional
# INFILE OUTFILE, the header space without --pad-header) and makes what
# imgtool makes; the bundle must verify, and a `mote-ota sign` line right
# after it must make the same bytes.  The command line the documentation
# once gave (without --slot-size) must be refused for it.  Every option of
# `mote-ota imgtool sign --help` must be in the documentation's table.
# usage: doc_test.sh MOTE_OTA DOC.md DATA_DIR WORK_DIR
set -u
TOOL=$1 DOC=$2 DATA=$3 WORK=$4
fails=0 runs=0
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 2
ok()  { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }

"$TOOL" keygen -k key.pem > /dev/null || exit 2
cp "$DATA/ref-app.wasm" app.wasm || exit 2

# The documented command lines that sign app.wasm: line number, command.
awk '/^ *(imgtool|mote-ota) sign .*app\.wasm/ { sub(/^ */, ""); print NR "\t" $0 }' "$DOC" \
    > commands.txt
[ -s commands.txt ] || bad "no imgtool command line found in $DOC"

# output FILE of a command line: imgtool's last word, mote-ota's -o.
output() {
    out=$(printf '%s\n' "$1" | awk '{ for (i = 1; i <= NF; i++) if ($i == "-o") o = $(i + 1);
                                      print o ? o : $NF }')
    printf '%s' "$out"
}

prev_line=0 prev_out=
while IFS="$(printf '\t')" read -r line cmd; do
    out=$(output "$cmd")
    case $cmd in
    imgtool\ sign*)
        # shellcheck disable=SC2086
        if "$TOOL" imgtool ${cmd#imgtool } > run.log 2>&1 &&
            "$TOOL" verify -k key.pem "$out" > /dev/null; then
            ok "line $line: $cmd"
            mv "$out" "imgtool-$line.bin"
            prev_line=$line prev_out="imgtool-$line.bin"
        else
            bad "line $line: $cmd: $(cat run.log)"
        fi
        runs=$((runs + 1));;
    mote-ota\ sign*)
        # shellcheck disable=SC2086
        if ! "$TOOL" ${cmd#mote-ota } > run.log 2>&1; then
            bad "line $line: $cmd: $(cat run.log)"
        elif [ "$line" -eq $((prev_line + 1)) ]; then
            cmp -s "$out" "$prev_out" && ok "line $line makes the bytes of line $prev_line" ||
                bad "line $line makes other bytes than line $prev_line"
        fi
        runs=$((runs + 1));;
    esac
done < commands.txt

# The command line the documentation used to give: imgtool wants -S.
if "$TOOL" imgtool sign --key key.pem --version 1.2.3+4 --header-size 32 --pad-header \
        app.wasm app.bin > run.log 2>&1; then
    bad "a command line without --slot-size was taken"
else
    [ $? -eq 2 ] && grep -q -- "--slot-size" run.log && ok "without --slot-size: refused" ||
        bad "without --slot-size: $(cat run.log)"
fi

# Every imgtool option in the documentation's table.
"$TOOL" imgtool sign --help | grep -o -- '--[a-z][a-z-]*' | sort -u > options.txt
missing=$(while read -r o; do grep -q -- "\`$o\`" "$DOC" || printf '%s ' "$o"; done < options.txt)
[ -z "$missing" ] && ok "$(wc -l < options.txt) imgtool options in the table" ||
    bad "options missing from the documentation: $missing"

echo "doc: $runs command lines, $fails failure(s)"
[ "$fails" -eq 0 ] && [ "$runs" -gt 0 ]
