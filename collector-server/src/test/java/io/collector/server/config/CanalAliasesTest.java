package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserConfig.Failover;
import io.collector.server.parser.ParserConfig.PurgedPolicy;
import io.collector.server.parser.ParserConfig.Source;
import io.collector.server.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Canal keys are read as ours, each use logged once per loader; unsupported ones are listed in one WARN. */
class CanalAliasesTest {

    @TempDir
    Path home;

    private ConfFolder canalFolder() {
        Path conf = home.resolve("conf");
        return new ConfFolder(conf).canalServer(CanalFixtures.CANAL_SERVER)
                .instance("example", CanalFixtures.CANAL_INSTANCE)
                .instance("other", CanalFixtures.CANAL_INSTANCE);
    }

    private static ConfigLoader loader() {
        return new ConfigLoader(Map.of(), new Properties());
    }

    @Test
    void eachAliasIsLoggedOncePerLoader() {
        ConfFolder folder = canalFolder();
        try (LogCapture logs = new LogCapture()) {
            ConfigLoader loader = loader();
            for (int i = 0; i < 2; i++) {
                ServerConfig server = loader.load(folder.dir()).server();
                loader.loadInstance(folder.dir(), "example", server);
                loader.loadInstance(folder.dir(), "other", server);
            }
            List<String> info = logs.messages(Level.INFO);
            assertThat(info).containsOnlyOnce("Canal key canal.port is read as collector.port",
                    "Canal key canal.instance.master.address is read as collector.instance.source.address",
                    "Canal key canal.instance.filter.dml.delete is read as collector.instance.filter.drop.delete",
                    "Canal key canal.instance.global.spring.xml is read as collector.meta.mode");
            assertThat(info).doesNotHaveDuplicates();

            loader().load(folder.dir());
            assertThat(logs.messages(Level.INFO)).filteredOn("Canal key canal.port is read as collector.port"::equals)
                    .hasSize(2);
        }
    }

    @Test
    void unsupportedCanalKeysAreListedInOneWarnPerFile() {
        ConfFolder folder = canalFolder();
        try (LogCapture logs = new LogCapture()) {
            ConfigLoader loader = loader();
            ServerConfig server = loader.load(folder.dir()).server();
            loader.loadInstance(folder.dir(), "example", server);

            assertThat(logs.messages(Level.WARN)).containsExactly(
                    "Canal keys in " + folder.path("canal.properties") + " not supported, ignored: "
                            + CanalFixtures.CANAL_SERVER_UNSUPPORTED,
                    "Canal keys in " + folder.path("example/instance.properties") + " not supported, ignored: "
                            + CanalFixtures.CANAL_INSTANCE_UNSUPPORTED);
        }
    }

    @Test
    void nativeFilesLogNoCanalLines() {
        ConfFolder folder = new ConfFolder(home).server(CanalFixtures.NATIVE_SERVER)
                .instance("example", CanalFixtures.NATIVE_INSTANCE);
        try (LogCapture logs = new LogCapture()) {
            ConfigLoader loader = loader();
            loader.loadInstance(home, "example", loader.load(home).server());

            assertThat(logs.messages(Level.INFO)).isEmpty();
            assertThat(logs.messages(Level.WARN)).isEmpty();
        }
    }

    @Test
    void unknownKeysOfOursAreListed() {
        ConfFolder folder = new ConfFolder(home).server("collector.prot=1\ncollector.port=2\n"
                + "collector.instance.source.user=shared\n").instance("example", ConfFolder.MINIMAL_INSTANCE
                + "collector.instance.filter.inclde=x\ncollector.port=3\n");
        try (LogCapture logs = new LogCapture()) {
            ConfigLoader loader = loader();
            loader.loadInstance(home, "example", loader.load(home).server());

            assertThat(logs.messages(Level.WARN)).containsExactly(
                    "Unknown keys in " + folder.path("collector.properties") + ", ignored: collector.prot",
                    "Unknown keys in " + folder.path("example/instance.properties")
                            + ", ignored: collector.instance.filter.inclde, collector.port");
        }
    }

    @Test
    void connectionCharsetOtherThanUtf8IsWarned() {
        ConfFolder folder = new ConfFolder(home).server("")
                .instance("example", ConfFolder.MINIMAL_INSTANCE + "canal.instance.connectionCharset=GBK");
        try (LogCapture logs = new LogCapture()) {
            ConfigLoader loader = loader();
            loader.loadInstance(home, "example", loader.load(home).server());

            assertThat(logs.messages(Level.WARN)).containsExactly("canal.instance.connectionCharset=GBK in "
                    + folder.path("example/instance.properties")
                    + " is ignored: values are decoded with each column's own charset");
        }
    }

    @Test
    void canalAutoResetReadsAsLatest() {
        new ConfFolder(home).canalServer("canal.auto.reset.latest.pos.mode = true\n")
                .instance("example", ConfFolder.MINIMAL_INSTANCE);
        ConfigLoader loader = loader();

        assertThat(loader.loadInstance(home, "example", loader.load(home).server()).parser().purgedPolicy())
                .isEqualTo(PurgedPolicy.LATEST);
    }

    @Test
    void canalStandbyAndDetectingKeysReadAsTheFailoverSettings() {
        new ConfFolder(home).canalServer("").instance("example", ConfFolder.MINIMAL_INSTANCE
                + "canal.instance.standby.address = 10.0.0.2:3307\ncanal.instance.detecting.sql = select 2\n"
                + "canal.instance.detecting.interval.time = 5\ncanal.instance.detecting.retry.threshold = 4\n"
                + "canal.instance.fallbackIntervalInSeconds = 30\n");
        ConfigLoader loader = loader();

        Failover failover = loader.loadInstance(home, "example", loader.load(home).server()).parser().failover();
        assertThat(failover).isEqualTo(new Failover(List.of(new Source("10.0.0.2", 3307)), "select 2",
                Duration.ofSeconds(5), 4, Duration.ofSeconds(30)));
    }

    @Test
    void switchBackIsReadWithTheStandbys() {
        new ConfFolder(home).canalServer("").instance("example", ConfFolder.MINIMAL_INSTANCE
                + "canal.instance.standby.address = 10.0.0.2:3307\ncanal.instance.gtidon = true\n"
                + "collector.instance.source.switch.back = GTID\n");
        ConfigLoader loader = loader();

        Failover failover = loader.loadInstance(home, "example", loader.load(home).server()).parser().failover();
        assertThat(failover.switchBack()).isEqualTo(ParserConfig.SwitchBack.GTID);
        assertThat(KeyAliases.isSupported("canal.instance.detecting.heartbeatHaEnable")).isFalse();
    }

    @Test
    void aStandbyListedTwiceIsRefusedNamingTheKey() {
        new ConfFolder(home).canalServer("").instance("example", ConfFolder.MINIMAL_INSTANCE
                + "collector.instance.source.standby.addresses = 10.0.0.2:3307, 10.0.0.2:3307\n");
        ConfigLoader loader = loader();

        assertThatThrownBy(() -> loader.loadInstance(home, "example", loader.load(home).server()))
                .hasMessageContaining("collector.instance.source.standby.addresses")
                .hasMessageContaining("twice");
    }

    @Test
    void itemSizeModeKeepsTheByteDefault() {
        new ConfFolder(home).canalServer("canal.instance.memory.buffer.size = 1024\n"
                + "canal.instance.memory.buffer.memunit = 4096\ncanal.instance.memory.batch.mode = ITEMSIZE\n");

        assertThat(loader().load(home).server().storeDefaults())
                .isEqualTo(new StoreConfig(1024, StoreConfig.DEFAULT_CAPACITY_BYTES, false));
    }

    @Test
    void aliasTableNamesOnlyOurKeysAndCanalKeys() {
        Set<String> ours = ConfigRegistry.keys().stream().map(ConfigKey::name).collect(Collectors.toSet());

        assertThat(KeyAliases.table().keySet()).allSatisfy(key -> assertThat(ours).contains(key));
        assertThat(KeyAliases.table().values()).allSatisfy(aliases ->
                assertThat(aliases).allSatisfy(alias -> assertThat(alias).startsWith("canal.")));
    }

    @Test
    void everyCanalKeyWeCanReadIsSupported() {
        assertThat(List.of("canal.ip", "canal.port", "canal.metrics.pull.port", "canal.admin.port", "canal.user",
                "canal.passwd", "canal.zkServers", "canal.zookeeper.flush.period", "canal.file.data.dir",
                "canal.file.flush.period", "canal.serverMode", "canal.destinations", "canal.conf.dir",
                "canal.auto.scan", "canal.auto.scan.interval", "canal.instance.memory.buffer.size",
                "canal.instance.memory.buffer.memunit", "canal.instance.memory.batch.mode",
                "canal.instance.get.ddl.isolation", "canal.instance.filter.dml.insert",
                "canal.instance.filter.dml.update", "canal.instance.filter.dml.delete",
                "canal.instance.filter.query.ddl", "canal.instance.filter.query.dcl", "canal.instance.filter.query.dml",
                "canal.instance.master.address", "canal.instance.master.journal.name",
                "canal.instance.master.position", "canal.instance.master.timestamp", "canal.instance.master.gtid",
                "canal.instance.gtidon", "canal.instance.mysql.slaveId", "canal.instance.dbUsername",
                "canal.instance.dbPassword", "canal.instance.connectionCharset", "canal.instance.filter.regex",
                "canal.instance.filter.black.regex", "canal.instance.filter.field",
                "canal.instance.filter.black.field", "canal.instance.standby.address", "canal.instance.detecting.sql",
                "canal.instance.detecting.interval.time", "canal.instance.detecting.retry.threshold",
                "canal.instance.fallbackIntervalInSeconds"))
                .allSatisfy(key -> assertThat(KeyAliases.isSupported(key)).as(key).isTrue());
        assertThat(KeyAliases.isSupported("canal.instance.standby.journal.name")).isFalse();
        assertThat(KeyAliases.isSupported("canal.instance.detecting.heartbeatHaEnable")).isFalse();
    }
}
