package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.instance.InstanceConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environment variables override system properties, which override files; per destination or for all. */
class OverrideTest {

    @TempDir
    Path dir;

    private static Properties props(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    private ServerConfig server(Map<String, String> env, Properties sys) {
        return new ConfigLoader(env, sys).load(dir).server();
    }

    private InstanceConfig instance(Map<String, String> env, Properties sys, String destination) {
        ConfigLoader loader = new ConfigLoader(env, sys);
        return loader.loadInstance(dir, destination, loader.load(dir).server());
    }

    @Test
    void environmentOverSystemPropertyOverFile() {
        new ConfFolder(dir).server("collector.port=1111");

        assertThat(server(Map.of(), props()).net().port()).isEqualTo(1111);
        assertThat(server(Map.of(), props("collector.port", "2222")).net().port()).isEqualTo(2222);
        assertThat(server(Map.of("COLLECTOR_PORT", "3333"), props("collector.port", "2222")).net().port())
                .isEqualTo(3333);
    }

    @Test
    void blankOverrideCountsAsNotSet() {
        new ConfFolder(dir).server("collector.port=1111");

        assertThat(server(Map.of("COLLECTOR_PORT", " "), props()).net().port()).isEqualTo(1111);
    }

    @Test
    void environmentOverridesACanalKeyInTheFileWithoutConflict() {
        new ConfFolder(dir).canalServer("canal.port=1111");

        assertThat(server(Map.of("COLLECTOR_PORT", "3333"), props()).net().port()).isEqualTo(3333);
    }

    @Test
    void canalKeysAreAcceptedFromTheEnvironmentToo() {
        new ConfFolder(dir).server("").instance("example", "collector.instance.source.user=repl");

        InstanceConfig config = instance(Map.of("canal.instance.master.address", "10.0.0.1:3306",
                "CANAL_INSTANCE_DBPASSWORD", "pw"), props(), "example");

        assertThat(config.parser().host()).isEqualTo("10.0.0.1");
        assertThat(config.parser().password()).isEqualTo("pw");
    }

    @Test
    void environmentNamesAreUpperCasedWithUnderscores() {
        assertThat(Layer.environmentName("collector.port")).isEqualTo("COLLECTOR_PORT");
        assertThat(Layer.environmentName("my-db.collector.instance.source.address"))
                .isEqualTo("MY_DB_COLLECTOR_INSTANCE_SOURCE_ADDRESS");
        assertThat(Layer.environmentName("canal.instance.dbUsername")).isEqualTo("CANAL_INSTANCE_DBUSERNAME");
    }

    @Test
    void perDestinationOverridesBeatOverridesForAll() {
        new ConfFolder(dir).server("").instance("example", ConfFolder.MINIMAL_INSTANCE)
                .instance("other", ConfFolder.MINIMAL_INSTANCE);
        Map<String, String> env = Map.of("EXAMPLE_COLLECTOR_INSTANCE_SOURCE_ADDRESS", "a.example.com:1",
                "COLLECTOR_INSTANCE_SOURCE_ADDRESS", "b.example.com:2");
        Properties sys = props("example.collector.instance.source.user", "one",
                "collector.instance.source.user", "all");

        assertThat(instance(env, sys, "example").parser().host()).isEqualTo("a.example.com");
        assertThat(instance(env, sys, "other").parser().host()).isEqualTo("b.example.com");
        assertThat(instance(env, sys, "example").parser().user()).isEqualTo("one");
        assertThat(instance(env, sys, "other").parser().user()).isEqualTo("all");
    }

    @Test
    void instanceKeysInTheServerFileAreDefaultsForEveryDestination() {
        new ConfFolder(dir).server("collector.instance.source.user=shared\n"
                        + "collector.instance.source.address=db.example.com:3306\n")
                .instance("example", "").instance("other", "collector.instance.source.user=own\n");

        assertThat(instance(Map.of(), props(), "example").parser().user()).isEqualTo("shared");
        assertThat(instance(Map.of(), props(), "other").parser().user()).isEqualTo("own");
    }

    @Test
    void destinationStoreFollowsTheServerDefaultAsOverridden() {
        new ConfFolder(dir).canalServer("canal.instance.memory.buffer.size=1024\n")
                .instance("example", ConfFolder.MINIMAL_INSTANCE);
        Map<String, String> env = Map.of("COLLECTOR_STORE_CAPACITY_ENTRIES", "100");

        assertThat(server(env, props()).storeDefaults().capacityEntries()).isEqualTo(100);
        assertThat(instance(env, props(), "example").store().capacityEntries()).isEqualTo(100);
    }

    @Test
    void homeAndPlaceholdersShapePaths() {
        new ConfFolder(dir).server("collector.meta.dir=${collector.home}/cursors\n");
        Path home = dir.resolve("elsewhere");

        assertThat(server(Map.of(), props()).meta().file().dataDir()).isEqualTo(dir.getParent().resolve("cursors"));
        assertThat(server(Map.of(), props("collector.home", home.toString())).meta().file().dataDir())
                .isEqualTo(home.resolve("cursors"));
        assertThat(server(Map.of("COLLECTOR_META_DIR", "meta"), props("collector.home", home.toString()))
                .meta().file().dataDir()).isEqualTo(home.resolve("meta"));
    }
}
