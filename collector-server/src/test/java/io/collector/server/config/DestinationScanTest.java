package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which destinations run: those named, or every folder holding an instance.properties. */
class DestinationScanTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());

    @Test
    void everyFolderWithAnInstanceFileSorted() throws IOException {
        new ConfFolder(dir).server("").instance("orders", "").instance("billing", "")
                .write("spring/file-instance.xml", "<beans/>");
        Files.createDirectories(dir.resolve("empty"));

        assertThat(loader.load(dir).destinations()).containsExactly("billing", "orders");
    }

    @Test
    void namedDestinationsOnly() {
        new ConfFolder(dir).server("collector.destinations = orders, missing").instance("orders", "")
                .instance("billing", "");

        assertThat(loader.load(dir).destinations()).containsExactly("orders", "missing");
    }

    @Test
    void destinationFoldersElsewhere() {
        Path conf = dir.resolve("conf");
        new ConfFolder(conf).server("collector.conf.dir = destinations");
        new ConfFolder(dir.resolve("destinations")).instance("example", ConfFolder.MINIMAL_INSTANCE);

        LoadedConfig loaded = loader.load(conf);

        assertThat(loaded.destinations()).containsExactly("example");
        assertThat(loader.loadInstance(conf, "example", loaded.server()).parser().user()).isEqualTo("repl");
    }
}
