#!/usr/bin/env bash
# Lists the board presets whose tests run in `make test` (one per line).
cd "$(dirname "$0")/.."
grep -oE '"name": *"[a-z0-9-]+"' CMakePresets.json | sed -E 's/.*"([a-z0-9-]+)"$/\1/' |
  grep -vE '^host' | sort -u
