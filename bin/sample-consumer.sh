#!/usr/bin/env bash
# Runs the client SDK's sample consumer (module collector-client-example, class
# io.collector.client.example.PrintingConsumer): it subscribes to a destination of a collector (or Canal)
# server and prints one line per change until Ctrl-C.
#
#   bin/sample-consumer.sh --host=127.0.0.1 --port=11111 --destination=example [--user=U --password=P]
#                          [--filter='shop\..*'] [--batch-size=100] [--wait-ms=1000]
#   bin/sample-consumer.sh --help
#
# Uses the jar built by `mvn -B -q install -DskipTests` (run from the repository root) and the runtime
# classpath Maven resolves for collector-client-example (cached in its target/). JAVA_OPTS is passed to java.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="${root}/collector-client-example"
java_cmd="${JAVA_HOME:+${JAVA_HOME}/bin/}java"

jar="$(find "${module}/target" -maxdepth 1 -name 'collector-client-example-*.jar' \
        ! -name '*-sources.jar' ! -name '*-javadoc.jar' ! -name '*-tests.jar' 2>/dev/null | head -n 1)"
if [ -z "${jar}" ]; then
  echo "sample-consumer: no jar in ${module}/target; build first: (cd ${root} && mvn -B -q install -DskipTests)" >&2
  exit 1
fi

classpath_file="${module}/target/sample-consumer.classpath"
if [ ! -s "${classpath_file}" ] || [ "${module}/pom.xml" -nt "${classpath_file}" ]; then
  if ! (cd "${root}" && mvn -B -q -pl collector-client-example dependency:build-classpath \
          -DincludeScope=runtime -Dmdep.outputFile="${classpath_file}") >&2; then
    rm -f "${classpath_file}"
    echo "sample-consumer: could not resolve the classpath; run (cd ${root} && mvn -B -q install -DskipTests)" >&2
    exit 1
  fi
fi

# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "${java_cmd}" ${JAVA_OPTS:-} \
  -Dlogback.configurationFile="${root}/conf/logback-sample-consumer.xml" \
  -cp "${jar}:$(cat "${classpath_file}")" \
  io.collector.client.example.PrintingConsumer "$@"
