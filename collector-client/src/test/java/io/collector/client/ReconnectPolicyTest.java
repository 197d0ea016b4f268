package io.collector.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    @Test
    void backoffDoublesUpToTheCap() {
        ReconnectPolicy policy = new ReconnectPolicy(10, Duration.ofMillis(100), Duration.ofMillis(700));
        assertThat(policy.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffBefore(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoffBefore(4)).isEqualTo(Duration.ofMillis(700));
        assertThat(policy.backoffBefore(1_000_000)).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void attemptsStartAtOne() {
        ReconnectPolicy policy = new ReconnectPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1));
        assertThatThrownBy(() -> policy.backoffBefore(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
