#!/usr/bin/env bash
# Runs per second of a 100-run sweep (benchmarks/sweeps/throughput.yaml, or with --long the 400-run
# throughput-long.yaml) on the local engine with
# --parallelism 1 and 2 and on Spark local[2], one after the other, with the machine's load before
# each: the numbers docs/performance.md reports. Each line is the sweep's own timing (from the
# engine's start to its last run, Spark's start-up included), never a timed test: runs/s, the
# process's CPU, and per run the CPU time and bytes allocated on the thread that made it (which a
# busy machine does not distort), then the collector's pauses and the JIT's compiling meanwhile.
# The last lines give parallelism 2 against 1: the runs/s ratio (the target is ≥ 1.8 on 2 cores,
# meaningful only on a quiet machine) and the ratio of CPU per run (1.00 when two runs at once cost
# what one costs alone).
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
  "$here/palletsim" sweep "$sweep" --no-progress --out "$out/$label" "$@" | grep -E ' made in ' \
    | tee "$out/$label.timing"
}
# "N made in S s (R runs/s, …); per run C s of CPU on its thread, …" → R and C
field() { sed -E "s/.*\(([0-9.]+) runs\/s.*per run ([0-9.]+) s of CPU.*/\\$1/" "$out/$2.timing"; }
# PALLETSIM_JAVA_OPTS reaches every sweep's JVM: PALLETSIM_JAVA_OPTS=-XX:TieredStopAtLevel=1
# (C1 only, whose compiling is cheap) separates the C2 compiler's warm-up from the rest of the cost
echo "JVM options: ${PALLETSIM_JAVA_OPTS:-(none)}; $(nproc) CPUs"
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
awk -v r1="$(field 1 local-1)" -v r2="$(field 1 local-2)" -v c1="$(field 2 local-1)" \
  -v c2="$(field 2 local-2)" 'BEGIN {
    printf "parallelism 2 against 1: %.2fx the runs per second, %.2fx the CPU per run on its thread\n",
      r2 / r1, c2 / c1 }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
