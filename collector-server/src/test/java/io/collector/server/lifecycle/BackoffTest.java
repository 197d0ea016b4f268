package io.collector.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(b.next()).isEqualTo(100);
        assertThat(b.next()).isEqualTo(200);
        assertThat(b.next()).isEqualTo(400);
        assertThat(b.next()).isEqualTo(500);
        assertThat(b.next()).isEqualTo(500);
        b.reset();
        assertThat(b.next()).isEqualTo(100);
    }

    @Test
    void capBelowInitialUsesInitial() {
        Backoff b = new Backoff(Duration.ofMillis(300), Duration.ofMillis(100));
        assertThat(b.next()).isEqualTo(300);
        assertThat(b.next()).isEqualTo(300);
    }
}
