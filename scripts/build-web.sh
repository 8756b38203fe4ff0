#!/usr/bin/env bash
# Builds web/dist (the staff pages' uploader.js, uploader.css and GOV.UK Frontend's assets) when
# it is missing or older than anything it is built from; prints one line either way.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
web="$root/web"
"$root/scripts/install-node-packages.sh" web
stamp="$web/dist/uploader.js"
if [ -f "$stamp" ] && [ -f "$web/dist/uploader.css" ] &&
  [ -z "$(find "$web/src" "$web/build.mjs" "$web/package.json" "$web/package-lock.json" \
    -newer "$stamp" -print -quit)" ]; then
  echo "web: web/dist is up to date"
  exit 0
fi
(cd "$web" && npm run --silent build)
