#!/usr/bin/env bash
# Operates a running collector server through its admin endpoint (collector.admin.port).
#   bin/admin.sh [--conf DIR | --url http://HOST:PORT] [--token TOKEN | --user USER --password PW] [--json] COMMAND
# DIR defaults to <install>/conf: the address and credentials come from its collector.properties.
# bin/admin.sh --help lists the commands and the exit codes (0 ok, 1 usage, 2 server unreachable,
# 3 authentication failed, 4 unknown destination/client/savepoint, 5 refused in the current state, 6 other).
set -euo pipefail

INSTALL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null 2>&1 || { echo "admin: no java found; install JDK 17+ or set JAVA_HOME" >&2; exit 1; }

if [ -d "$INSTALL/lib" ]; then
  CLASSPATH="$INSTALL/lib/*"
else
  JAR=$(ls "$INSTALL"/collector-server/target/collector-server-*[0-9T].jar 2>/dev/null | head -1 || true)
  if [ -z "$JAR" ] || [ ! -d "$INSTALL/collector-server/target/lib" ]; then
    echo "admin: not built; run: mvn -q -B install -DskipTests   (in $INSTALL)" >&2
    exit 1
  fi
  CLASSPATH="$JAR:$INSTALL/collector-server/target/lib/*"
fi

ARGS=("$@")
HAS_CONF=0
for arg in "$@"; do
  [ "$arg" = "--conf" ] || [ "$arg" = "--url" ] && HAS_CONF=1
done
if [ "$HAS_CONF" = 0 ]; then
  ARGS=(--conf "$INSTALL/conf" "${ARGS[@]}")
fi

exec "$JAVA" -Xmx64m -XX:TieredStopAtLevel=1 -cp "$CLASSPATH" io.collector.server.admin.cli.AdminCli "${ARGS[@]}"
