#!/usr/bin/env bash
# Issue 16 point 4: the scale scenario at mainnet size, 10,000 providers with 100 sectors of 10
# deals each (10^7 active deals, 10^6 sectors), 100 collator candidates for 20 seats, one simulated
# day under FIP-0074, the network built through the extrinsics with deals signed by their clients.
#
#   benchmarks/scale-10m.sh [log-file] [extra ScaleScenario options …]
#
# Builds benchmarks/target/benchmarks.jar if it is missing, prints the load average before and
# after (the machine may be shared: say so beside any number), and runs ScaleScenario in a heap of
# HEAP (default 12g; the live heap of the 10^7 world after a full GC is about 1.5 GiB, building it
# needs head-room for the signing pipeline and the block in flight) with the GC given by GC
# (default G1). Output goes to the terminal and to log-file (default benchmarks/target/scale-10m.log).
# Other sizes: SCALE_PROVIDERS, SCALE_SECTORS, SCALE_DEALS_PER_SECTOR (e.g. 1000 100 10 for 10^6).
set -euo pipefail
cd "$(dirname "$0")/.."
log="${1:-benchmarks/target/scale-10m.log}"
shift || true
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -Pbench -pl benchmarks -am package -DskipTests
fi
heap="${HEAP:-12g}"
gc="${GC:-G1}"
mkdir -p "$(dirname "$log")"
{
  echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC') commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "== before: $(uptime)"
  java "-Xmx$heap" "-XX:+Use${gc}GC" -cp "$jar" dev.palletsim.benchmarks.tools.ScaleScenario \
    --providers "${SCALE_PROVIDERS:-10000}" --sectors "${SCALE_SECTORS:-100}" \
    --deals-per-sector "${SCALE_DEALS_PER_SECTOR:-10}" --candidates 100 --seats 20 --days 1 "$@"
  echo "== after: $(uptime)"
} 2>&1 | tee "$log"
