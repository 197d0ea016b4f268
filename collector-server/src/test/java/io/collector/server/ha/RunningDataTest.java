package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.CollectorException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunningDataTest {

    /** What Canal 1.1.8 writes: {@code JsonUtils.marshalToByte(new ServerRunningData("10.0.0.1:11111"))}. */
    private static final String CANAL_BYTES = "{\"active\":true,\"address\":\"10.0.0.1:11111\"}";

    @Test
    void writesExactlyWhatCanalWrites() {
        byte[] json = RunningData.active("10.0.0.1:11111").toJson();

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(CANAL_BYTES);
    }

    @Test
    void readsCanalsJsonAlsoWithItsOldClusterId() {
        assertThat(RunningData.parse(CANAL_BYTES.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new RunningData(true, "10.0.0.1:11111"));
        assertThat(RunningData.parse("{\"active\":false,\"address\":\"10.0.0.2:11111\",\"cid\":1}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(new RunningData(false, "10.0.0.2:11111"));
    }

    @Test
    void somethingElseIsAnErrorQuotingIt() {
        assertThatThrownBy(() -> RunningData.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CollectorException.class).hasMessageContaining("not json");
        assertThatThrownBy(() -> RunningData.parse("{\"active\":true}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CollectorException.class);
    }
}
