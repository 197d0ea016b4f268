package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad configuration fails with exactly its message; {S} and {I} stand for the server and instance file, {H}
 * for the home directory (the conf directory's parent).
 */
class BadConfigTest {

    private static final String S = "{S}";
    private static final String I = "{I}";
    private static final String DURATION = "must be a duration in [100ms, 1h], written as a whole number with unit"
            + " ms, s, m or h (500ms, 5s, 2m); a bare number is milliseconds";
    private static final String ADDRESS = "must be host:port ([address]:port for IPv6) with a port in [1, 65535]";

    @TempDir
    Path dir;

    /** A bad configuration: the server file, the destination's file, the environment, and the message. */
    record Case(String name, String server, String instance, Map<String, String> env, String expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(typeCases(), sizeAndNameCases(), crossKeyCases(), sourceCases(),
                requiredCases(), filterCases(), startCases(), valueCases(), switchBackCases(), subscriptionCases())
                .flatMap(s -> s);
    }

    /** Server values of the wrong type or out of range. */
    static Stream<Case> typeCases() {
        return Stream.of(
            server("wrong type", "collector.port=abc",
                "Invalid value \"abc\" for collector.port in {S}: must be an integer in [1, 65535]"),
            server("out of range", "collector.port=70000",
                "Invalid value \"70000\" for collector.port in {S}: must be an integer in [1, 65535]"),
            server("connection cap of zero", "collector.net.max.connections.per.address=0",
                "Invalid value \"0\" for collector.net.max.connections.per.address in {S}: must be an integer in "
                    + "[1, 1000000]"),
            server("TLS without a certificate", "collector.net.tls.enabled=true",
                "Missing required key collector.net.tls.cert.file in {S}"),
            server("handshake timeout too short", "collector.net.handshake.timeout=10ms",
                "Invalid value \"10ms\" for collector.net.handshake.timeout in {S}: " + DURATION),
            server("unknown enum", "collector.mode=rabbit",
                "Invalid value \"rabbit\" for collector.mode in {S}: must be one of tcp, kafka"),
            server("Canal enum value we lack", "canal.serverMode=rocketMQ",
                "Invalid value \"rocketMQ\" for canal.serverMode in {S}: must be one of tcp, kafka"),
            server("not a boolean", "collector.auto.scan=yes",
                "Invalid value \"yes\" for collector.auto.scan in {S}: must be true or false"),
            server("bad duration", "collector.auto.scan.interval=5 parsecs",
                "Invalid value \"5 parsecs\" for collector.auto.scan.interval in {S}: " + DURATION),
            server("duration out of range", "collector.auto.scan.interval=2h",
                "Invalid value \"2h\" for collector.auto.scan.interval in {S}: " + DURATION),
            server("unit in a Canal duration", "canal.auto.scan.interval=5s",
                "Invalid value \"5s\" for canal.auto.scan.interval in {S}: must be a whole number of seconds"
                    + " in [1, 3600]"),
            server("a Kafka get timeout that would spin", "collector.kafka.get.timeout=0",
                "Invalid value \"0\" for collector.kafka.get.timeout in {S}: must be a duration in [1ms, 1m],"
                    + " written as a whole number with unit ms, s, m or h (500ms, 5s, 2m); a bare number is"
                    + " milliseconds"),
            server("bad Canal millisecond duration", "canal.file.flush.period=-1",
                "Invalid value \"-1\" for canal.file.flush.period in {S}: must be a whole number of milliseconds"
                    + " in [0, 3600000]"));
    }

    /** Sizes and names out of range. */
    static Stream<Case> sizeAndNameCases() {
        return Stream.of(
            server("bad byte size", "collector.store.capacity.bytes=16 megs",
                "Invalid value \"16 megs\" for collector.store.capacity.bytes in {S}: must be a byte count in"
                    + " [1, 9223372036854775807], optionally with unit k, m or g (16m = 16 MiB)"),
            server("store too large", "canal.instance.memory.buffer.size=67108865",
                "Invalid value \"67108865\" for canal.instance.memory.buffer.size in {S}: must be an integer in"
                    + " [1, 67108864]"),
            server("bad destination name", "collector.destinations=example, ../etc",
                "Invalid value \"example, ../etc\" for collector.destinations in {S}: must be comma-separated"
                    + " destination names made of letters, digits, '.', '_' and '-'"));
    }

    /** Server keys that contradict each other. */
    static Stream<Case> crossKeyCases() {
        return Stream.of(
            server("conflicting key and alias", "collector.port=2222\ncanal.port=11111",
                "Conflicting values for collector.port (\"2222\") and its Canal alias canal.port (\"11111\") in {S}:"
                    + " set only one of them"),
            server("conflicting secrets are not shown", "collector.user=u\ncollector.password.hash="
                    + "e3619321c1a937c46a0d8bd1dac39f93b27d4458\ncanal.passwd=4ACFE3202A5FF5CF467898FC58AAB1D615029441",
                "Conflicting values for collector.password.hash (\"****\") and its Canal alias canal.passwd (\"****\")"
                    + " in {S}: set only one of them"),
            server("password without user", "collector.password=secret",
                "Invalid value \"****\" for collector.password in {S}: a password needs collector.user to be set too"),
            server("password and hash", "collector.user=u\ncollector.password=p\n"
                    + "collector.password.hash=e3619321c1a937c46a0d8bd1dac39f93b27d4458",
                "Invalid value \"****\" for collector.password in {S}: set either collector.password or"
                    + " collector.password.hash, not both"),
            server("hash not hex", "canal.user=u\ncanal.passwd=xyz",
                "Invalid value \"****\" for canal.passwd in {S}: must be 40 hexadecimal digits,"
                    + " hex(SHA1(SHA1(password)))"),
            server("max delay below delay", "collector.supervise.delay=10s\ncollector.supervise.max.delay=5s",
                "Invalid value \"5s\" for collector.supervise.max.delay in {S}: must be at least"
                    + " collector.supervise.delay (10s)"),
            server("delay above default max delay", "collector.supervise.delay=5m",
                "Invalid value \"5m\" for collector.supervise.delay in {S}: must be at most"
                    + " collector.supervise.max.delay (1m)"),
            server("unknown restart strategy", "collector.supervise.policy=forever",
                "Invalid value \"forever\" for collector.supervise.policy in {S}: must be one of fixed-delay,"
                    + " failure-rate, exponential-delay, none (or the older fixed, exponential, unlimited)"),
            server("multiplier below 1", "collector.supervise.multiplier=0.5",
                "Invalid value \"0.5\" for collector.supervise.multiplier in {S}: must be a number in [1.0, 10.0]"),
            instance("destination strategy", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.supervise.policy=failure-rate\n"
                    + "collector.instance.supervise.failure.rate.max.failures=0",
                "Invalid value \"0\" for collector.instance.supervise.failure.rate.max.failures in {I}: must be an"
                    + " integer in [1, 1000000]"));
    }

    /** Paths, placeholders, Canal templates and values from the environment. */
    static Stream<Case> sourceCases() {
        return Stream.of(
            server("unset placeholder", "collector.meta.dir=${nowhere}/meta",
                "Invalid value \"${nowhere}/meta\" for collector.meta.dir in {S}: placeholder ${nowhere} is not set"),
            server("conf dir missing", "collector.conf.dir=missing",
                "Invalid value \"missing\" for collector.conf.dir in {S}: must be a directory, and {H}/missing is"
                    + " not one"),
            server("Canal ZooKeeper template", "canal.instance.global.spring.xml=classpath:spring/default-instance.xml",
                "Invalid value \"classpath:spring/default-instance.xml\" for canal.instance.global.spring.xml in {S}:"
                    + " must be classpath:spring/file-instance.xml or classpath:spring/memory-instance.xml"
                    + " (other Canal instance templates are not supported)"),
            new Case("from the environment", "collector.port=11111", ConfFolder.MINIMAL_INSTANCE,
                Map.of("COLLECTOR_PORT", "abc"),
                "Invalid value \"abc\" for collector.port in environment variable COLLECTOR_PORT: must be an integer"
                    + " in [1, 65535]"));
    }

    /** Switching back to the first source: a known mode, with standbys, that fits the GTID mode. */
    static Stream<Case> switchBackCases() {
        String standby = ConfFolder.MINIMAL_INSTANCE + "collector.instance.source.standby.addresses=db2:3306\n";
        return Stream.of(
            instance("switch back unknown", standby + "collector.instance.source.switch.back=true",
                "Invalid value \"true\" for collector.instance.source.switch.back in {I}: must be one of never, gtid,"
                    + " timestamp"),
            instance("switch back without standbys", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.gtid.mode=true\ncollector.instance.source.switch.back=gtid",
                "Invalid value \"gtid\" for collector.instance.source.switch.back in {I}: needs standby sources in"
                    + " collector.instance.source.standby.addresses (or set it to never)"),
            instance("switch back by gtid without gtid mode", standby + "collector.instance.source.switch.back=gtid",
                "Invalid value \"gtid\" for collector.instance.source.switch.back in {I}: gtid needs"
                    + " collector.instance.gtid.mode=true; without GTIDs use timestamp (transactions of"
                    + " collector.instance.source.fallback.interval are delivered again at each switch back) or never"),
            instance("switch back by timestamp in gtid mode", standby
                    + "canal.instance.gtidon=true\ncollector.instance.source.switch.back=timestamp",
                "Invalid value \"timestamp\" for collector.instance.source.switch.back in {I}: timestamp is for"
                    + " collector.instance.gtid.mode=false; in GTID mode use gtid or never"));
    }

    /** The lag policy and limits of a destination's subscriptions. */
    static Stream<Case> subscriptionCases() {
        return Stream.of(
            instance("unknown lag policy", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.subscription.lag.policy=drop",
                "Invalid value \"drop\" for collector.instance.subscription.lag.policy in {I}: must be one of block,"
                    + " detach"),
            instance("lag limit of no entries", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.subscription.max.lag.entries=0",
                "Invalid value \"0\" for collector.instance.subscription.max.lag.entries in {I}: must be an integer"
                    + " in [1, 67108864]"),
            instance("expiry below a second", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.subscription.expiry=10ms",
                "Invalid value \"10ms\" for collector.instance.subscription.expiry in {I}: must be a duration in"
                    + " [1s, 8760h], written as a whole number with unit ms, s, m or h (500ms, 5s, 2m); a bare number"
                    + " is milliseconds"));
    }

    /** Missing keys and bad addresses of a destination. */
    static Stream<Case> requiredCases() {
        return Stream.of(
            instance("missing required key", "collector.instance.source.user=repl",
                "Missing required key collector.instance.source.address in {I}"),
            instance("missing user", "canal.instance.master.address=127.0.0.1:3306",
                "Missing required key collector.instance.source.user in {I}"),
            instance("address without port", "collector.instance.source.address=localhost\n"
                    + "collector.instance.source.user=repl",
                "Invalid value \"localhost\" for collector.instance.source.address in {I}: " + ADDRESS),
            instance("address port out of range", "canal.instance.master.address=db:99999\n"
                    + "canal.instance.dbUsername=repl",
                "Invalid value \"db:99999\" for canal.instance.master.address in {I}: " + ADDRESS),
            new Case("instance key from a per-destination variable", "", ConfFolder.MINIMAL_INSTANCE,
                Map.of("EXAMPLE_COLLECTOR_INSTANCE_SOURCE_ADDRESS", "db"),
                "Invalid value \"db\" for collector.instance.source.address in environment variable"
                    + " EXAMPLE_COLLECTOR_INSTANCE_SOURCE_ADDRESS: " + ADDRESS));
    }

    /** Filters that do not compile or contradict each other. */
    static Stream<Case> filterCases() {
        return Stream.of(
            instance("bad regex", ConfFolder.MINIMAL_INSTANCE + "collector.instance.filter.include=foo(",
                "Invalid value \"foo(\" for collector.instance.filter.include in {I}: must be comma-separated regular"
                    + " expressions over schema.table; \"foo(\" does not compile: Unclosed group"),
            instance("bad regex in a Canal key", ConfFolder.MINIMAL_INSTANCE
                    + "canal.instance.filter.black.regex=db\\\\.a,db\\\\.[b",
                "Invalid value \"db\\.a,db\\.[b\" for canal.instance.filter.black.regex in {I}: must be"
                    + " comma-separated regular expressions over schema.table; \"db\\.[b\" does not compile:"
                    + " Unclosed character class"),
            instance("bad column list", ConfFolder.MINIMAL_INSTANCE + "collector.instance.filter.columns.include=t1",
                "Invalid value \"t1\" for collector.instance.filter.columns.include in {I}: must be comma-separated"
                    + " schema.table:column[/column...] entries"),
            instance("conflict between Canal and our filter key", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.filter.drop.insert=true\ncanal.instance.filter.dml.insert=false",
                "Conflicting values for collector.instance.filter.drop.insert (\"true\") and its Canal alias"
                    + " canal.instance.filter.dml.insert (\"false\") in {I}: set only one of them"));
    }

    /** Start positions and replica identity. */
    static Stream<Case> startCases() {
        return Stream.of(
            instance("position without journal", ConfFolder.MINIMAL_INSTANCE + "canal.instance.master.position=4",
                "Invalid value \"4\" for canal.instance.master.position in {I}: needs"
                    + " collector.instance.start.journal to be set too"),
            instance("two start points", ConfFolder.MINIMAL_INSTANCE + "collector.instance.start.journal=mysql-bin.1\n"
                    + "collector.instance.start.timestamp=1700000000000",
                "Invalid value \"1700000000000\" for collector.instance.start.timestamp in {I}: cannot be combined"
                    + " with collector.instance.start.journal; set only one of the start journal, GTID set and"
                    + " timestamp"),
            instance("server id out of range", ConfFolder.MINIMAL_INSTANCE + "canal.instance.mysql.slaveId=-3",
                "Invalid value \"-3\" for canal.instance.mysql.slaveId in {I}: must be an integer in [0, 4294967295]"));
    }

    /** Other destination values. */
    static Stream<Case> valueCases() {
        return Stream.of(
            instance("bad duration", ConfFolder.MINIMAL_INSTANCE + "collector.instance.source.heartbeat.period=5x",
                "Invalid value \"5x\" for collector.instance.source.heartbeat.period in {I}: must be a duration in"
                    + " [100ms, 1h], written as a whole number with unit ms, s, m or h (500ms, 5s, 2m); a bare number"
                    + " is milliseconds"),
            instance("unknown purged policy", ConfFolder.MINIMAL_INSTANCE + "collector.instance.purged.policy=skip",
                "Invalid value \"skip\" for collector.instance.purged.policy in {I}: must be one of fail, earliest,"
                    + " latest"),
            instance("unknown snapshot mode", ConfFolder.MINIMAL_INSTANCE + "collector.instance.snapshot.mode=always",
                "Invalid value \"always\" for collector.instance.snapshot.mode in {I}: must be one of never, initial,"
                    + " when-needed"),
            instance("unknown snapshot locking", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.snapshot.locking=backup",
                "Invalid value \"backup\" for collector.instance.snapshot.locking in {I}: must be one of auto, none,"
                    + " global-read-lock"),
            instance("snapshot chunk of 0 rows", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.snapshot.chunk.rows=0",
                "Invalid value \"0\" for collector.instance.snapshot.chunk.rows in {I}: must be an integer in [1,"
                    + " 1048576]"),
            instance("signal table without a schema", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.signal.table=collector_signal",
                "Invalid value \"collector_signal\" for collector.instance.signal.table in {I}: must be schema.table,"
                    + " for example ops.collector_signal"),
            instance("backfill chunk too large", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.backfill.chunk.rows=40000",
                "Invalid value \"40000\" for collector.instance.backfill.chunk.rows in {I}: must be an integer in [1,"
                    + " 32768]"),
            instance("bad zone", ConfFolder.MINIMAL_INSTANCE + "collector.instance.timestamp.zone=Mars/Olympus",
                "Invalid value \"Mars/Olympus\" for collector.instance.timestamp.zone in {I}: must be a time zone ID"
                    + " such as UTC, +08:00 or Asia/Shanghai"),
            instance("reconnect max below delay", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.source.reconnect.delay=1m",
                "Invalid value \"1m\" for collector.instance.source.reconnect.delay in {I}: must be at most"
                    + " collector.instance.source.reconnect.max.delay (30s)"),
            instance("decode retries out of range", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.decode.retries=500",
                "Invalid value \"500\" for collector.instance.decode.retries in {I}: must be an integer in [0, 100]"),
            instance("conversion queue too small", ConfFolder.MINIMAL_INSTANCE
                    + "collector.instance.conversion.queue.bytes=64k",
                "Invalid value \"64k\" for collector.instance.conversion.queue.bytes in {I}: must be a byte count in"
                    + " [1048576, 1073741824], optionally with unit k, m or g (16m = 16 MiB)"),
            instance("unknown TLS mode", ConfFolder.MINIMAL_INSTANCE + "collector.instance.source.ssl.mode=on",
                "Invalid value \"on\" for collector.instance.source.ssl.mode in {I}: must be one of disabled,"
                    + " preferred, required, verify-ca, verify-identity"),
            instance("Canal TLS mode we lack", ConfFolder.MINIMAL_INSTANCE + "canal.instance.master.sslMode=ALWAYS",
                "Invalid value \"ALWAYS\" for canal.instance.master.sslMode in {I}: must be one of disabled,"
                    + " preferred, required, verify-ca, verify-identity"),
            instance("missing CA file", ConfFolder.MINIMAL_INSTANCE + "collector.instance.source.ssl.mode=verify-ca\n"
                    + "collector.instance.source.ssl.ca.file=nowhere/ca.pem",
                "Invalid value \"nowhere/ca.pem\" for collector.instance.source.ssl.ca.file in {I}: must name a"
                    + " readable file; {H}/nowhere/ca.pem is not one"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithItsMessage(Case c) {
        ConfFolder folder = new ConfFolder(dir).server(c.server()).instance("example", c.instance());
        ConfigLoader loader = new ConfigLoader(c.env(), new Properties());
        String expected = c.expected().replace(S, folder.path(ConfigLoader.SERVER_FILE))
                .replace(I, folder.path("example/" + ConfigLoader.INSTANCE_FILE))
                .replace("{H}", dir.getParent().toString());

        assertThatThrownBy(() -> {
            ServerConfig server = loader.load(dir).server();
            loader.loadInstance(dir, "example", server);
        }).isInstanceOf(ConfigException.class).hasMessage(expected);
    }

    private static Case server(String name, String server, String expected) {
        return new Case(name, server, ConfFolder.MINIMAL_INSTANCE, Map.of(), expected);
    }

    private static Case instance(String name, String instance, String expected) {
        return new Case(name, "", instance, Map.of(), expected);
    }
}
