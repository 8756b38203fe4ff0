#!/usr/bin/env bash
# Prints what the last ninja run in a build folder spent its time on, from its .ninja_log: the
# run's steps, wall time and summed step time, then its slowest steps, with the files each unity
# group compiles. After `make clean build` that is the whole build; after an edit, what the edit
# cost. Usage: build-times.sh [BUILD_DIR] [COUNT]
#
# To time files one by one, point it at a folder configured with -DDSS_UNITY_BUILD=OFF.
set -euo pipefail
build=${1:-build}
count=${2:-15}
log="$build/.ninja_log"
if [ ! -f "$log" ]; then
  echo "build-times: no $log; build first (make build)" >&2
  exit 1
fi

# .ninja_log v5 lines: start_ms end_ms mtime output hash, appended as steps finish. Each ninja
# run counts from its own start, so a new run begins where the end times fall back.
# awk prints the run's summary line first, then one "milliseconds output" line per step.
awk '
  /^#/ { next }
  {
    if ($2 < last_end) { steps = 0; summed = 0; wall = 0; delete took }
    last_end = $2
    steps++; summed += $2 - $1; if ($2 > wall) wall = $2
    took[$4] = $2 - $1
  }
  END {
    printf "last ninja run: %d steps, %.0f s wall, %.0f s of steps (compiling and linking)\n",
      steps, wall / 1000, summed / 1000
    for (output in took) printf "%d %s\n", took[output], output
  }' "$log" | {
  IFS= read -r summary
  echo "$summary"
  echo "slowest steps (s):"
  sort -rn | head -n "$count"
} | while read -r milliseconds output; do
  if [[ ! "$milliseconds" =~ ^[0-9]+$ ]]; then
    echo "$milliseconds $output"
    continue
  fi
  printf '%7.1f  %s\n' "$(awk -v ms="$milliseconds" 'BEGIN { print ms / 1000 }')" "$output"
  # A unity group: name the files it compiles, as paths under the source tree.
  unity_source="$build/${output%.o}"
  if [[ "$output" == */Unity/*.cxx.o && -f "$unity_source" ]]; then
    sed -n 's|^#include "\(.*\)"$|\1|p' "$unity_source" |
      sed "s|^$(cd "$(dirname "$0")/.." && pwd)/||" | tr '\n' ' ' | fold -s -w 88 | sed 's/^/           /'
    echo
  fi
done
