#!/usr/bin/env bash
# Runs the benchmarks of docs/performance.md and prints the ratio tables.
#
#   benchmarks/run.sh [results-dir] [benchmark-class …]
#
# Builds benchmarks/target/benchmarks.jar if it is missing, runs each JMH class in one fork with
# the GC profiler (allocation per operation), writes one JSON file per class into results-dir
# (default benchmarks/target/results) and prints the table of each beside its baselines.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-benchmarks/target/results}"
shift || true
classes=("$@")
if [ ${#classes[@]} -eq 0 ]; then
  classes=(DispatchBenchmark SnapshotBenchmark SettleBenchmark CronBenchmark DeadlineBenchmark AuctionBenchmark)
fi
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -Pbench -pl benchmarks -am package -DskipTests
fi
mkdir -p "$out"
for c in "${classes[@]}"; do
  echo "== $c"
  java -jar "$jar" "benchmarks\.$c\." -f 1 -prof gc -rf json -rff "$out/$c.json" | tee "$out/$c.log"
done
for c in "${classes[@]}"; do
  echo
  echo "== $c"
  java -cp "$jar" dev.palletsim.benchmarks.tools.RatioTable "$out/$c.json"
done
