#!/usr/bin/env bash
# The README's main job from a warm build, timed: each output line stamped with the seconds since the start, then the
# total wall and CPU time (whole process tree, from /usr/bin/time), per study from OUT/run.json (worker start included)
# and the claims line. Usage: bench/main-job.sh [OUT] (default: a temporary folder, removed at the end).
# Run it twice and keep the second: the first may still restore or build.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d /tmp/wb-main-job-XXXXXX)}"
log="$(mktemp /tmp/wb-main-job-log-XXXXXX)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
/usr/bin/time -f 'wall %e s, user %U s, system %S s' -o "$log.time" bash -c \
  "dotnet pack Workbench.sln -c Release && dotnet run --no-build --project lib/Workbench.Cli -c Release -- verify notebooks --out '$out' --strict" 2>&1 \
  | python3 -c '
import sys, time
t0 = time.monotonic()
for line in sys.stdin:
    line = line.rstrip("\n")
    if "claims reproduced" in line or "passed," in line or "started (" in line or "] passed" in line or "Exported" in line or "audit:" in line or "Successfully created package" in line or "report:" in line:
        print(f"{time.monotonic() - t0:7.1f}  {line}", flush=True)
' | tee "$log" || echo "the main job failed (exit $?)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$log.time"
python3 - "$out/run.json" <<'PY'
import json, sys
record = json.load(open(sys.argv[1]))
for n in record["notebooks"]:
    print(f'{n["path"].split("/")[-1]:45s} {n["duration_seconds"]:7.1f} s')
PY
rm -f "$log" "$log.time"
[ -z "${1:-}" ] && rm -rf "$out"
exit 0
