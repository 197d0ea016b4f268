package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZnodesTest {

    @Test
    void pathsAreCanals() {
        assertThat(Znodes.server("10.0.0.1:11111")).isEqualTo("/otter/canal/cluster/10.0.0.1:11111");
        assertThat(Znodes.destinationServer("example", "10.0.0.1:11111"))
                .isEqualTo("/otter/canal/destinations/example/cluster/10.0.0.1:11111");
        assertThat(Znodes.running("example")).isEqualTo("/otter/canal/destinations/example/running");
        assertThat(Znodes.election("example")).isEqualTo("/collector/election/example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1:11111", "host-1.example.com:1", "[::1]:65535"})
    void serverIdsAreAddresses(String id) {
        assertThat(Znodes.checkServerId(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.1", "10.0.0.1:0", "10.0.0.1:65536", "a/b:1", ":11111"})
    void otherServerIdsAreRejected(String id) {
        assertThatThrownBy(() -> Znodes.checkServerId(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ip:port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a b"})
    void destinationsMustBeZnodeNames(String destination) {
        assertThatThrownBy(() -> Znodes.running(destination)).isInstanceOf(IllegalArgumentException.class);
    }
}
