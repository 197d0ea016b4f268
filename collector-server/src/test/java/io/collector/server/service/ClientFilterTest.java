package io.collector.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.collector.server.error.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Canal's client filter semantics, evaluated in linear time, with a length cap. */
class ClientFilterTest {

    @Test
    void expressionsAreAnchoredCaseInsensitiveAndCommaSeparated() {
        ClientFilter filter = ClientFilter.of(" shop\\.orders , audit\\..* ");
        assertThat(filter.accepts("shop.orders")).isTrue();
        assertThat(filter.accepts("SHOP.Orders")).isTrue();
        assertThat(filter.accepts("shop.orders_old")).isFalse();
        assertThat(filter.accepts("xshop.orders")).isFalse();
        assertThat(filter.accepts("audit.log")).isTrue();
        assertThat(filter.accepts("shop.items")).isFalse();
    }

    @Test
    void aBlankFilterAcceptsEverything() {
        assertThat(ClientFilter.of("")).isSameAs(ClientFilter.ALL);
        assertThat(ClientFilter.of(" , ")).isSameAs(ClientFilter.ALL);
        assertThat(ClientFilter.of(null)).isSameAs(ClientFilter.ALL);
    }

    @Test
    void aCatastrophicallyBacktrackingPatternStillRunsInLinearTime() {
        ClientFilter filter = ClientFilter.of("(.*a){20}");
        String name = "a".repeat(64) + "." + "a".repeat(63) + "!";
        boolean accepted = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> filter.accepts(name));
        assertThat(accepted).isFalse();
        assertThat(filter.accepts("a".repeat(20) + ".a")).isTrue();
    }

    @Test
    void aFilterLongerThanTheCapIsRefused() {
        String tooLong = "a" + ",a".repeat(ClientFilter.MAX_LENGTH / 2);
        assertThatThrownBy(() -> ClientFilter.of(tooLong)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("longer than the " + ClientFilter.MAX_LENGTH + " allowed");
    }

    @Test
    void backReferencesAndLookAroundAreRefusedWithTheExpression() {
        assertThatThrownBy(() -> ClientFilter.of("(a)\\1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"(a)\\1\"").hasMessageContaining("RE2");
        assertThatThrownBy(() -> ClientFilter.of("shop\\.(?!secret).*")).isInstanceOf(ConfigException.class);
    }
}
