#!/usr/bin/env bash
# Installs the npm packages of the given folders (default: all of them) from their committed
# lock files, when they are missing or out of date: tests/interop (the reference Hawk
# implementation and the other test peers) and web (GOV.UK Frontend and esbuild, for web/dist).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "$#" -gt 0 ]; then
  folders=("$@")
else
  folders=(tests/interop web)
fi
for folder in "${folders[@]}"; do
  lock="$root/$folder/package-lock.json"
  installed="$root/$folder/node_modules/.package-lock.json"
  if [ ! -f "$installed" ] || [ "$lock" -nt "$installed" ]; then
    echo "npm: installing $folder"
    (cd "$root/$folder" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
