package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.RestartPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart strategies: the server's default, Flink's names and the older ones, a destination's override. */
class SuperviseSettingsTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());

    @Test
    void theDefaultIsExponentialDelay() {
        new ConfFolder(dir).server("").instance("example", ConfFolder.MINIMAL_INSTANCE);
        ServerConfig server = loader.load(dir).server();

        assertThat(server.restart()).isEqualTo(RestartPolicy.DEFAULT);
        assertThat(loader.loadInstance(dir, "example", server).restart()).isEqualTo(RestartPolicy.DEFAULT);
    }

    @Test
    void aDestinationOverridesWhatItNamesAndKeepsTheRest() {
        new ConfFolder(dir).server("collector.supervise.policy=failure-rate\n"
                        + "collector.supervise.failure.rate.max.failures=5\ncollector.supervise.delay=2s\n")
                .instance("example", ConfFolder.MINIMAL_INSTANCE + "collector.instance.supervise.policy=fixed-delay\n"
                        + "collector.instance.supervise.max.attempts=7\n");
        ServerConfig server = loader.load(dir).server();
        RestartPolicy own = loader.loadInstance(dir, "example", server).restart();

        assertThat(server.restart().kind()).isEqualTo(RestartPolicy.Kind.FAILURE_RATE);
        assertThat(server.restart().maxFailures()).isEqualTo(5);
        assertThat(own.kind()).isEqualTo(RestartPolicy.Kind.FIXED_DELAY);
        assertThat(own.maxAttempts()).isEqualTo(7);
        assertThat(own.delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(own.maxFailures()).isEqualTo(5);
    }

    @Test
    void theOlderNamesStillWork() {
        new ConfFolder(dir).server("collector.supervise.policy=unlimited\n")
                .instance("example", ConfFolder.MINIMAL_INSTANCE + "collector.instance.supervise.policy=fixed\n");
        ServerConfig server = loader.load(dir).server();
        InstanceConfig example = loader.loadInstance(dir, "example", server);

        assertThat(server.restart().kind()).isEqualTo(RestartPolicy.Kind.EXPONENTIAL_DELAY);
        assertThat(server.restart().maxAttempts()).isEqualTo(RestartPolicy.UNLIMITED);
        assertThat(example.restart().kind()).isEqualTo(RestartPolicy.Kind.FIXED_DELAY);
        assertThat(example.restart().maxAttempts()).isEqualTo(10);
    }
}
