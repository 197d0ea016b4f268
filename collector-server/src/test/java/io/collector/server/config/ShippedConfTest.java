package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.parser.source.ServerIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files shipped in the repository's conf/ load cleanly and say what the defaults are. */
class ShippedConfTest {

    private static final Path CONF = Path.of("../conf");

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());

    @Test
    void shippedFilesLoadWithoutWarnings() {
        try (LogCapture logs = new LogCapture()) {
            LoadedConfig loaded = loader.load(CONF);
            InstanceConfig example = loader.loadInstance(CONF, "example", loaded.server());

            assertThat(loaded.destinations()).containsExactly("example");
            assertThat(example.parser().host()).isEqualTo("127.0.0.1");
            assertThat(example.parser().port()).isEqualTo(3306);
            assertThat(example.parser().user()).isEqualTo("canal");
            assertThat(example.parser().password()).isEqualTo("canal");
            assertThat(example.parser().serverId()).isEqualTo(ServerIds.forDestination("example"));
            assertThat(logs.messages(Level.WARN)).isEmpty();
            assertThat(logs.messages(Level.INFO)).isEmpty();
        }
    }

    @Test
    void shippedServerFileStatesTheDefaults() throws IOException {
        Path conf = dir.resolve("conf");
        new ConfFolder(conf).server(Files.readString(CONF.resolve(ConfigLoader.SERVER_FILE)));
        ServerConfig shipped = loader.load(conf).server();
        new ConfFolder(conf).server("");

        assertThat(shipped).isEqualTo(loader.load(conf).server());
    }

    @Test
    void shippedExampleStatesTheDefaults() throws IOException {
        Path conf = dir.resolve("conf");
        ConfFolder folder = new ConfFolder(conf).server("")
                .instance("example", Files.readString(CONF.resolve("example/instance.properties")));
        ServerConfig server = loader.load(conf).server();
        InstanceConfig shipped = loader.loadInstance(conf, "example", server);
        folder.instance("example", "collector.instance.source.address=127.0.0.1:3306\n"
                + "collector.instance.source.user=canal\ncollector.instance.source.password=canal\n"
                + "collector.instance.filter.exclude=mysql\\\\.slave_.*\n");
        InstanceConfig minimal = loader.loadInstance(conf, "example", server);

        assertThat(shipped.parser()).isEqualTo(minimal.parser());
        assertThat(shipped.store()).isEqualTo(minimal.store());
        assertThat(shipped.snapshot()).isEqualTo(minimal.snapshot());
        assertThat(shipped.filters().types()).isEqualTo(minimal.filters().types());
        assertThat(shipped.filters().tables()).hasToString(minimal.filters().tables().toString());
        assertThat(shipped.filters().columns()).hasToString(minimal.filters().columns().toString());
    }

    /**
     * The shipped commented files are what the key registry generates. With {@code -Dcollector.conf.regenerate=true}
     * this test writes them instead (and still fails, so a regeneration is never mistaken for a pass).
     */
    @Test
    void shippedFilesAreGeneratedFromTheRegistry() throws IOException {
        List<String> differing = new ArrayList<>();
        for (String path : ConfFileWriter.paths()) {
            Path file = CONF.resolve(path);
            String generated = ConfFileWriter.render(path);
            if (!Files.exists(file) || !Files.readString(file).equals(generated)) {
                differing.add(path);
                if (Boolean.getBoolean("collector.conf.regenerate")) {
                    Files.writeString(file, generated);
                }
            }
        }

        assertThat(differing).as("conf files that differ from the key registry (ServerKeys, InstanceKeys): edit the"
                + " registry, then regenerate with: mvn -B -o -q -pl collector-server -am test -Dtest=ShippedConfTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dcollector.conf.regenerate=true").isEmpty();
    }

    @Test
    void logbackConfigurationWritesUnderHomeLogs() throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("collector.home", dir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONF.resolve("logback.xml").toFile());
        context.getLogger("test").info("hello");
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN).toList();
        context.stop();

        assertThat(errors).isEmpty();
        assertThat(dir.resolve("logs/collector.log")).content().contains("hello");
    }

    @Test
    void jvmOptionsAreOptionsOnly() throws IOException {
        List<String> options = Files.readAllLines(CONF.resolve("jvm.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        assertThat(options).allSatisfy(option -> assertThat(option).startsWith("-"));
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8");
        assertThat(options).anySatisfy(option -> assertThat(option).startsWith("-Xmx"));
    }
}
