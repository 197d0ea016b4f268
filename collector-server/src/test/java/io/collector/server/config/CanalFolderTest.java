package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.instance.InstanceConfig;
import io.collector.server.parser.ParserConfig.StartConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Canal conf folder loads to the same records as the native folder that means the same. */
class CanalFolderTest {

    @TempDir
    Path home;

    private record Loaded(ServerConfig server, InstanceConfig example) {
    }

    @Test
    void canalFolderLoadsLikeTheNativeOne() throws IOException {
        Loaded canal = load(CanalFixtures.CANAL_SERVER, ConfigLoader.CANAL_SERVER_FILE, CanalFixtures.CANAL_INSTANCE);
        Loaded ours = load(CanalFixtures.NATIVE_SERVER, ConfigLoader.SERVER_FILE, CanalFixtures.NATIVE_INSTANCE);

        assertThat(canal.server()).isEqualTo(ours.server());
        assertThat(canal.example().parser()).isEqualTo(ours.example().parser());
        assertThat(canal.example().store()).isEqualTo(ours.example().store());
        assertThat(canal.example().filters().types()).isEqualTo(ours.example().filters().types());
        assertThat(canal.example().filters().tables()).hasToString(ours.example().filters().tables().toString());
        assertThat(canal.example().filters().columns()).hasToString(ours.example().filters().columns().toString());
    }

    @Test
    void canalValuesMeanWhatCanalMeans() throws IOException {
        Loaded canal = load(CanalFixtures.CANAL_SERVER, ConfigLoader.CANAL_SERVER_FILE, CanalFixtures.CANAL_INSTANCE);
        ServerConfig server = canal.server();

        assertThat(server.net().port()).isEqualTo(11122);
        assertThat(server.net().passwordHash()).isEqualTo("e3619321c1a937c46a0d8bd1dac39f93b27d4458");
        assertThat(server.scan().confDir()).isEqualTo(home.resolve("conf"));
        assertThat(server.scan().interval()).hasSeconds(7);
        assertThat(server.meta().file().dataDir()).isEqualTo(home.resolve("conf"));
        assertThat(server.meta().mode()).isEqualTo(MetaConfig.Mode.MEMORY);
        assertThat(server.storeDefaults().capacityBytes()).isEqualTo(4096L * 2048);
        assertThat(canal.example().store().capacityBytes()).isEqualTo(1024L * 2048);
        assertThat(canal.example().parser().start()).isEqualTo(
                StartConfig.atGtid("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5"));
        assertThat(canal.example().filters().types().dropDelete()).isTrue();
        assertThat(canal.example().filters().tables().accepts("shop", "orders")).isTrue();
        assertThat(canal.example().filters().tables().accepts("mysql", "slave_relay_log_info")).isFalse();
    }

    /** Loads a folder written at {@code home/conf}, which is emptied first, so paths compare equal. */
    private Loaded load(String server, String serverFile, String instance) throws IOException {
        Path conf = home.resolve("conf");
        clear(conf);
        new ConfFolder(conf).write(serverFile, server).instance("example", instance);
        ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());
        LoadedConfig loaded = loader.load(conf);
        assertThat(loaded.destinations()).containsExactly("example");
        return new Loaded(loaded.server(), loader.loadInstance(conf, "example", loaded.server()));
    }

    private static void clear(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
