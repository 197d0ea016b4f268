package io.collector.client.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConsumerOptionsTest {

    @Test
    void defaults() {
        ConsumerOptions options = ConsumerOptions.parse(new String[0], new Properties());
        assertThat(options).isEqualTo(new ConsumerOptions("127.0.0.1", 11111, "example", "", "", "", 100,
                Duration.ofSeconds(1)));
    }

    @Test
    void argumentsWinOverSystemProperties() {
        Properties properties = new Properties();
        properties.setProperty("collector.port", "2000");
        properties.setProperty("collector.user", "canal");
        ConsumerOptions options = ConsumerOptions.parse(new String[] {"--port=3000", "--filter", "shop\\..*",
            "--batch-size=5", "--wait-ms=250"}, properties);
        assertThat(options.port()).isEqualTo(3000);
        assertThat(options.user()).isEqualTo("canal");
        assertThat(options.filter()).isEqualTo("shop\\..*");
        assertThat(options.batchSize()).isEqualTo(5);
        assertThat(options.serverWait()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void badOptionsAreNamed() {
        Properties none = new Properties();
        assertThatThrownBy(() -> ConsumerOptions.parse(new String[] {"--colour=red"}, none))
                .hasMessage("unknown option: --colour=red");
        assertThatThrownBy(() -> ConsumerOptions.parse(new String[] {"--port=99999"}, none))
                .hasMessage("invalid value \"99999\" for --port: must be an integer in [1, 65535]");
        assertThatThrownBy(() -> ConsumerOptions.parse(new String[] {"--batch-size"}, none))
                .hasMessage("option --batch-size needs a value");
        assertThatThrownBy(() -> ConsumerOptions.parse(new String[] {"--help"}, none)).hasMessage("help");
    }

    @Test
    void toStringHidesThePassword() {
        ConsumerOptions options = ConsumerOptions.parse(new String[] {"--user=u", "--password=pw"}, new Properties());
        assertThat(options.toString()).contains("password=****").doesNotContain("pw,");
    }
}
