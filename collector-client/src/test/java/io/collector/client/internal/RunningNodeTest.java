package io.collector.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunningNodeTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theAddressOfCanalsRunningDataIsRead() {
        assertThat(RunningNode.parse(json("{\"active\":true,\"address\":\"10.0.0.7:11111\"}")))
                .contains(InetSocketAddress.createUnresolved("10.0.0.7", 11111));
    }

    @Test
    void moreFieldsAndAMissingActiveFlagAreAccepted() {
        assertThat(RunningNode.parse(json("{\"cid\":3,\"address\":\"h:1\",\"extra\":{\"x\":[1]},\"active\":true}")))
                .contains(InetSocketAddress.createUnresolved("h", 1));
        assertThat(RunningNode.parse(json("{\"address\":\"[::1]:11111\"}")))
                .contains(InetSocketAddress.createUnresolved("::1", 11111));
    }

    @Test
    void anInactiveNodeNamesNoServer() {
        assertThat(RunningNode.parse(json("{\"active\":false,\"address\":\"10.0.0.7:11111\"}"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "garbage                           | not JSON: \"garbage\"",
        "[1,2]                             | not a JSON object",
        "{\"active\":true}                 | no \"address\" text field",
        "{\"address\":7}                   | no \"address\" text field",
        "{\"address\":\"10.0.0.7\"}        | address \"10.0.0.7\" is not host:port",
        "{\"address\":\"10.0.0.7:0\"}      | is not host:port",
        "{\"address\":\":11111\"}          | is not host:port",
        "{\"address\":\"h:port\"}          | is not host:port"})
    void unusableContentIsExplained(String content, String message) {
        assertThatThrownBy(() -> RunningNode.parse(json(content))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void thePathIsCanals() {
        assertThat(RunningNode.path("example")).isEqualTo("/otter/canal/destinations/example/running");
    }
}
