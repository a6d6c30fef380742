#!/usr/bin/env bash
# Runs per second of a 100-run sweep (benchmarks/sweeps/throughput.yaml, or with --long the 400-run
# throughput-long.yaml) on the local engine with
# --parallelism 1 and 2 and on Spark local[2], one after the other, with the machine's load before
# each: the numbers docs/performance.md reports. Each line is the sweep's own timing (from the
# engine's start to its last run, Spark's start-up included), never a timed test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sweep="$here/benchmarks/sweeps/throughput.yaml"
# --long: the 400-run sweep of 1,000-block runs (throughput-long.yaml), where the JIT's warm-up on
# the second core no longer dominates
if [[ "${1:-}" == "--long" ]]; then sweep="$here/benchmarks/sweeps/throughput-long.yaml"; fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() {
  local label="$1"
  shift
  echo "== $label; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$here/palletsim" sweep "$sweep" --no-progress --out "$out/$label" "$@" | grep -E ' made in '
}
# build both launchers' classpaths first, so that no timing includes a build
"$here/palletsim" --version > /dev/null
"$here/palletsim" sweep "$sweep" --engine spark --dry-run > /dev/null
run local-1 --parallelism 1
run local-2 --parallelism 2
run spark-local-2 --engine spark --master 'local[2]'
for t in results.csv runs.csv summary.csv results.parquet; do
  cmp -s "$out/local-1/$t" "$out/local-2/$t" && cmp -s "$out/local-1/$t" "$out/spark-local-2/$t" \
    && echo "$t: identical on the three" || echo "$t: DIFFERS"
done
