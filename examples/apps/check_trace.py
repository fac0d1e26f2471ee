#!/usr/bin/env python3
"""check_trace.py -- checks an app's periodic trace in a console log: every
tick is there, in order, and none came later than a bound.

  check_trace.py LOG --app blinky --period-ms 100 --bound-us 2000 --min-ticks 38
  check_trace.py LOG ... --bound-us 15000 --plus-longest "took ([0-9.]+) ms"

Trace lines: "<app>: tick N at T ms, late L us" (examples/apps/app/blinky.c).
Fails (exit 1) naming the first problem: a missing or repeated tick, a
tick later than the bound, or a gap between two ticks longer than the
period plus the bound.  Prints the worst lateness and the longest gap.

--plus-longest REGEX: the bound is --bound-us plus the longest of the
milliseconds REGEX captures in the log (the firmware's own timing of the
steps that hold every app up on bare metal); none found is a failure."""
import argparse
import re
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("log")
    p.add_argument("--app", default="blinky")
    p.add_argument("--period-ms", type=float, required=True)
    p.add_argument("--bound-us", type=float, required=True)
    p.add_argument("--min-ticks", type=int, required=True)
    p.add_argument("--plus-longest")
    a = p.parse_args()
    problems = []
    if a.plus_longest:
        steps = []
        with open(a.log, errors="replace") as f:
            for text in f:
                m = re.search(a.plus_longest, text)
                if m:
                    steps.append(float(m.group(1)))
        if not steps:
            problems.append("no line matches %r" % a.plus_longest)
        else:
            print("%s: the longest step took %.3f ms" % (a.app, max(steps)))
            a.bound_us += max(steps) * 1000.0
    line = re.compile(r"^%s: tick (\d+) at ([0-9.]+) ms, late (\d+) us$" % re.escape(a.app))
    ticks = []
    with open(a.log, errors="replace") as f:
        for text in f:
            m = line.match(text.rstrip("\r\n"))
            if m:
                ticks.append((int(m.group(1)), float(m.group(2)), int(m.group(3))))
    if len(ticks) < a.min_ticks:
        problems.append("%d ticks, want at least %d" % (len(ticks), a.min_ticks))
    worst_late = max((t[2] for t in ticks), default=0)
    worst_gap = 0.0
    for i, (n, at, late) in enumerate(ticks):
        if n != i + 1:
            problems.append("tick %d where %d was due (a tick lost or repeated)" % (n, i + 1))
            break
        if late > a.bound_us:
            problems.append("tick %d was %d us late, bound %g us" % (n, late, a.bound_us))
        if i > 0:
            gap = (at - ticks[i - 1][1]) * 1000.0
            worst_gap = max(worst_gap, gap)
            if gap > a.period_ms * 1000.0 + a.bound_us:
                problems.append("a gap of %.0f us before tick %d (period %g ms + bound %g us)"
                                % (gap, n, a.period_ms, a.bound_us))
    print("%s: %d ticks, latest %d us late, longest gap %.0f us (period %g ms, bound %g us)"
          % (a.app, len(ticks), worst_late, worst_gap, a.period_ms, a.bound_us))
    for problem in problems[:5]:
        print("FAIL: %s: %s" % (a.app, problem))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
