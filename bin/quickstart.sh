#!/usr/bin/env bash
# Builds the project and runs the collector on an embedded MariaDB with a sample shop schema and a trickle of
# writes (destination "example", clients on port 11111). Ctrl-C stops everything. Then, in another terminal:
#   bin/sample-consumer.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B install -DskipTests
exec mvn -q -B -pl collector-demo exec:java "$@"
