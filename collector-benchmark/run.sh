#!/usr/bin/env bash
# Builds what the benchmarks need (package, tests skipped; nothing is installed into ~/.m2) and runs one:
#   collector-benchmark/run.sh <main class> [-Dkey=value ...]
# e.g. collector-benchmark/run.sh io.collector.benchmark.e2e.EndToEndBenchmark -Drows=1000000
# Set MVN_OFFLINE=1 to build with `mvn -o`.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 <main class> [-Dkey=value ...]" >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
MAIN="$1"
shift
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B ${MVN_OFFLINE:+-o} -pl collector-benchmark -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$CP_FILE"
exec java "$@" -cp "collector-benchmark/target/classes:$(cat "$CP_FILE")" "$MAIN"
