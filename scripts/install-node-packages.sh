#!/usr/bin/env bash
# Installs the npm packages the test peers need (tests/interop: the reference Hawk
# implementation), from the committed lock file, when they are missing or out of date.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for folder in tests/interop; do
  lock="$root/$folder/package-lock.json"
  installed="$root/$folder/node_modules/.package-lock.json"
  if [ ! -f "$installed" ] || [ "$lock" -nt "$installed" ]; then
    echo "npm: installing $folder"
    (cd "$root/$folder" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
