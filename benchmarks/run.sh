#!/usr/bin/env bash
# Builds the benchmarks and runs the whole suite as BENCHMARKS.md reports it, writing JMH's JSON
# result to benchmarks/results.json. Extra arguments go to JMH: a benchmark pattern, -prof gc,
# -p images=10000 and so on.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -pl benchmarks -am -DskipTests
# Forks and iterations are as each benchmark declares: one fork, 3 warm-up and 5 measured
# iterations of a second; one load for the memory benchmark; no fork for the listing, which runs
# in this JVM (see ListingBenchmark) and holds a million images in both stores: hence the heap.
# Forked benchmarks take the same heap unless they set their own.
exec java -Xmx12g -jar benchmarks/target/benchmarks.jar \
  -rf json -rff benchmarks/results.json "$@"
