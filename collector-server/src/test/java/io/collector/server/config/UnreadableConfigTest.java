package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.collector.server.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and folders that cannot be read fail with a message naming the path and the reason. */
class UnreadableConfigTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());

    @Test
    void instanceFileIsADirectory() throws IOException {
        ConfFolder folder = new ConfFolder(dir).server("");
        Files.createDirectories(dir.resolve("example/instance.properties"));
        ServerConfig server = loader.load(dir).server();

        assertThatThrownBy(() -> loader.loadInstance(dir, "example", server)).isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read " + folder.path("example/instance.properties")
                        + ": it is a directory, not a file");
    }

    @Test
    void serverFileWithoutReadPermission() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        ConfFolder folder = new ConfFolder(dir).server("collector.port=11111");
        Path file = dir.resolve(ConfigLoader.SERVER_FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: every file is readable");

        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read " + folder.path(ConfigLoader.SERVER_FILE) + ": permission denied");
    }

    @Test
    void serverFileNotUtf8() throws IOException {
        Files.write(dir.resolve(ConfigLoader.SERVER_FILE), new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28});

        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read " + dir.resolve(ConfigLoader.SERVER_FILE) + ": not valid UTF-8");
    }

    @Test
    void neitherServerFile() {
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read " + dir.resolve("collector.properties") + ": no such file (nor a Canal "
                        + dir.resolve("canal.properties") + ")");
    }

    @Test
    void confDirMissing() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> loader.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read configuration directory " + missing + ": no such directory");
    }

    @Test
    void confDirIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read configuration directory " + file + ": not a directory");
    }

    @Test
    void destinationWithoutFolder() {
        new ConfFolder(dir).server("collector.destinations=ghost");
        ServerConfig server = loader.load(dir).server();

        assertThatThrownBy(() -> loader.loadInstance(dir, "ghost", server)).isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read " + dir.resolve("ghost/instance.properties") + ": no such file");
    }
}
