package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint's and the savepoints' keys: values read, bad values refused naming key, file and rule. */
class AdminConfigTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());

    @Test
    void readsEveryKey() {
        new ConfFolder(dir).server("collector.admin.port=0\ncollector.admin.host=0.0.0.0\n"
                + "collector.admin.token=abcdefghijklmnop\ncollector.admin.user=ops\ncollector.admin.password=pw\n"
                + "collector.savepoint.interval=10m\ncollector.savepoint.retained=7\n")
                .instance("example", ConfFolder.MINIMAL_INSTANCE + "collector.instance.start.savepoint=before-v2\n");
        ServerConfig server = loader.load(dir).server();
        AdminConfig admin = server.admin();

        assertThat(admin.adminPort()).isZero();
        assertThat(admin.adminHost()).isEqualTo("0.0.0.0");
        assertThat(admin.token()).isEqualTo("abcdefghijklmnop");
        assertThat(admin.user()).isEqualTo("ops");
        assertThat(admin.passwordHash()).isEqualTo(PasswordHash.of("pw"));
        assertThat(admin.savepointInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(admin.savepointRetained()).isEqualTo(7);
        assertThat(admin.toString()).doesNotContain("abcdefghijklmnop", PasswordHash.of("pw"));
        assertThat(loader.loadInstance(dir, "example", server).startSavepoint()).isEqualTo("before-v2");
    }

    @Test
    void refusesBadValues() {
        String file = dir.resolve(ConfigLoader.SERVER_FILE).toString();
        fails("collector.admin.token=short", "Invalid value \"****\" for collector.admin.token in " + file
                + ": must be at least 16 visible ASCII characters (no spaces), e.g. from: openssl rand -hex 24");
        fails("collector.admin.user=ops", "Invalid value \"ops\" for collector.admin.user in " + file
                + ": needs collector.admin.password or collector.admin.password.hash to be set too");
        fails("collector.admin.password=pw", "Invalid value \"****\" for collector.admin.password in " + file
                + ": a password needs collector.admin.user to be set too");
        fails("collector.admin.host=0.0.0.0", "Invalid value \"0.0.0.0\" for collector.admin.host in " + file
                + ": an address other machines can reach needs authentication: set collector.admin.token or"
                + " collector.admin.user with a password");
        fails("collector.savepoint.interval=200h", "Invalid value \"200h\" for collector.savepoint.interval in " + file
                + ": must be a duration in [0ms, 168h], written as a whole number with unit ms, s, m or h (500ms, 5s,"
                + " 2m); a bare number is milliseconds");
        fails("collector.savepoint.retained=0", "Invalid value \"0\" for collector.savepoint.retained in " + file
                + ": must be an integer in [1, 1000]");
    }

    @Test
    void refusesABadStartSavepointName() {
        new ConfFolder(dir).server("").instance("example",
                ConfFolder.MINIMAL_INSTANCE + "collector.instance.start.savepoint=../x\n");
        ServerConfig server = loader.load(dir).server();

        assertThatThrownBy(() -> loader.loadInstance(dir, "example", server)).isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value \"../x\" for collector.instance.start.savepoint in "
                        + dir.resolve("example/" + ConfigLoader.INSTANCE_FILE) + ": must be a savepoint name: 1 to"
                        + " 100 letters, digits, '.', '_' and '-'");
    }

    private void fails(String server, String message) {
        new ConfFolder(dir).server(server).instance("example", ConfFolder.MINIMAL_INSTANCE);
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
