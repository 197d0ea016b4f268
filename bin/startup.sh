#!/usr/bin/env bash
# Starts the collector server.
#   bin/startup.sh [--conf DIR] [--foreground]
# DIR defaults to <install>/conf. The collector's home is DIR's parent: logs go to <home>/logs, and the
# pid file <DIR>/collector.pid keeps a second server off the same configuration folder.
# JVM options come from DIR/jvm.options (else <install>/conf/jvm.options); JAVA_HOME picks the JDK.
set -euo pipefail

INSTALL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONF="$INSTALL/conf"
FOREGROUND=0
while [ $# -gt 0 ]; do
  case "$1" in
    --conf) CONF="${2:?--conf needs a folder}"; shift 2 ;;
    --foreground) FOREGROUND=1; shift ;;
    *) echo "usage: $0 [--conf DIR] [--foreground]" >&2; exit 2 ;;
  esac
done
[ -d "$CONF" ] || { echo "collector: configuration folder $CONF does not exist" >&2; exit 2; }
CONF=$(cd "$CONF" && pwd)
HOME_DIR=$(dirname "$CONF")
PID_FILE="$CONF/collector.pid"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null 2>&1 || { echo "collector: no java found; install JDK 17+ or set JAVA_HOME" >&2; exit 1; }
JAVA_VERSION=$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
JAVA_MAJOR=${JAVA_VERSION%%.*}
if [ "$JAVA_MAJOR" = "1" ] || [ "${JAVA_MAJOR:-0}" -lt 17 ] 2>/dev/null; then
  echo "collector: needs Java 17 or newer, found $JAVA_VERSION at $(command -v "$JAVA"); set JAVA_HOME to a JDK 17+" >&2
  exit 1
fi

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "collector: already running (pid $(cat "$PID_FILE")) on $CONF; stop it with bin/stop.sh --conf $CONF" >&2
  exit 1
fi

if [ -d "$INSTALL/lib" ]; then
  CLASSPATH="$INSTALL/lib/*"
else
  JAR=$(ls "$INSTALL"/collector-server/target/collector-server-*[0-9T].jar 2>/dev/null | head -1 || true)
  if [ -z "$JAR" ] || [ ! -d "$INSTALL/collector-server/target/lib" ]; then
    echo "collector: not built; run: mvn -q -B install -DskipTests   (in $INSTALL)" >&2
    exit 1
  fi
  CLASSPATH="$JAR:$INSTALL/collector-server/target/lib/*"
fi

OPTIONS_FILE="$CONF/jvm.options"
[ -f "$OPTIONS_FILE" ] || OPTIONS_FILE="$INSTALL/conf/jvm.options"
JVM_OPTS=()
if [ -f "$OPTIONS_FILE" ]; then
  while IFS= read -r line; do
    line="${line%%#*}"; line="$(echo "$line" | xargs)"
    [ -n "$line" ] && JVM_OPTS+=("$line")
  done < "$OPTIONS_FILE"
fi
LOGBACK="$CONF/logback.xml"
[ -f "$LOGBACK" ] || LOGBACK="$INSTALL/conf/logback.xml"

mkdir -p "$HOME_DIR/logs"
cd "$HOME_DIR"
CMD=("$JAVA" "${JVM_OPTS[@]}" "-Dcollector.home=$HOME_DIR" "-Dlogback.configurationFile=$LOGBACK"
     -cp "$CLASSPATH" io.collector.server.Main --conf "$CONF")

if [ "$FOREGROUND" = 1 ]; then
  echo $$ > "$PID_FILE"
  exec "${CMD[@]}"
fi

nohup "${CMD[@]}" > "$HOME_DIR/logs/collector.out" 2>&1 &
PID=$!
echo "$PID" > "$PID_FILE"
# a configuration error ends the JVM at once: report it here rather than leave a dead pid file
for _ in $(seq 1 20); do
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
if ! kill -0 "$PID" 2>/dev/null; then
  rm -f "$PID_FILE"
  echo "collector: failed to start; see $HOME_DIR/logs/collector.out:" >&2
  tail -n 20 "$HOME_DIR/logs/collector.out" >&2
  exit 1
fi
echo "collector started (pid $PID) on $CONF; logs in $HOME_DIR/logs"
