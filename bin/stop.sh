#!/usr/bin/env bash
# Stops the collector server started by bin/startup.sh on the same configuration folder.
#   bin/stop.sh [--conf DIR] [--timeout SECONDS]
# Sends SIGTERM (the server flushes cursors and closes connections) and waits up to SECONDS (default 30)
# for it to exit; then kills it with SIGKILL and says so.
set -euo pipefail

INSTALL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONF="$INSTALL/conf"
TIMEOUT=30
while [ $# -gt 0 ]; do
  case "$1" in
    --conf) CONF="${2:?--conf needs a folder}"; shift 2 ;;
    --timeout) TIMEOUT="${2:?--timeout needs seconds}"; shift 2 ;;
    *) echo "usage: $0 [--conf DIR] [--timeout SECONDS]" >&2; exit 2 ;;
  esac
done
CONF=$(cd "$CONF" && pwd)
PID_FILE="$CONF/collector.pid"

if [ ! -f "$PID_FILE" ]; then
  echo "collector: not running on $CONF (no pid file)"
  exit 0
fi
PID=$(cat "$PID_FILE")
if ! kill -0 "$PID" 2>/dev/null; then
  echo "collector: not running on $CONF (stale pid $PID)"
  rm -f "$PID_FILE"
  exit 0
fi
kill -TERM "$PID"
for _ in $(seq 1 $((TIMEOUT * 10))); do
  kill -0 "$PID" 2>/dev/null || { rm -f "$PID_FILE"; echo "collector stopped (pid $PID)"; exit 0; }
  sleep 0.1
done
echo "collector: pid $PID did not stop within ${TIMEOUT}s; killing it" >&2
kill -KILL "$PID" 2>/dev/null || true
rm -f "$PID_FILE"
exit 1
