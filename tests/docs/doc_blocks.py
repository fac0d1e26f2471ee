#!/usr/bin/env python3
"""doc_blocks.py -- pulls the fenced code blocks of one language out of a
Markdown file, exactly as printed, so that tests compile or run them.

    doc_blocks.py FILE.md LANG OUTDIR

writes OUTDIR/<LANG>-<N>.<ext> for the N-th block (from 1) fenced as
```LANG, and OUTDIR/<LANG>.count with how many there are.  Files are only
rewritten when their text changes, so builds that depend on them do not
redo work for an unrelated edit of the document.  A block preceded by the
line `<!-- doc-test: skip -->` is left out (and counted as skipped).
"""
import os
import sys

EXT = {"c": "c", "cpp": "cpp", "sh": "sh", "cmake": "cmake", "rust": "rs"}


def blocks(path, lang):
    """Yields (first line number, text) of each block fenced as ```lang."""
    skip_next = False
    inside = None
    start = 0
    body = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if inside is None:
                if stripped == "<!-- doc-test: skip -->":
                    skip_next = True
                elif stripped.startswith("```"):
                    inside = stripped[3:].strip()
                    start = number + 1
                    body = []
                elif stripped:
                    skip_next = False
                continue
            if stripped == "```":
                if inside == lang:
                    yield start, "".join(body), skip_next
                inside = None
                skip_next = False
            else:
                body.append(line)


def write_if_changed(path, text):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: doc_blocks.py FILE.md LANG OUTDIR")
    path, lang, outdir = sys.argv[1:]
    os.makedirs(outdir, exist_ok=True)
    count = 0
    skipped = 0
    for line, text, skip in blocks(path, lang):
        if skip:
            skipped += 1
            continue
        count += 1
        name = os.path.join(outdir, "%s-%d.%s" % (lang, count, EXT.get(lang, lang)))
        # A #line directive keeps compiler messages pointing at the document.
        prefix = '#line %d "%s"\n' % (line, os.path.abspath(path)) if lang in ("c", "cpp") else ""
        write_if_changed(name, prefix + text)
    write_if_changed(os.path.join(outdir, lang + ".count"), "%d %d\n" % (count, skipped))
    print("%s: %d %s block(s), %d skipped" % (path, count, lang, skipped))


if __name__ == "__main__":
    main()
