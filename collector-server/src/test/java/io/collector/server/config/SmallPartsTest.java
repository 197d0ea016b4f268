package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.ConfigException;
import io.collector.server.instance.RestartPolicy;
import io.collector.server.parser.source.ServerIds;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Password hashes, derived server ids, restart delays and placeholders. */
class SmallPartsTest {

    @Test
    void passwordHashIsCanals() {
        assertThat(PasswordHash.of("canal")).isEqualTo("e3619321c1a937c46a0d8bd1dac39f93b27d4458");
    }

    @Test
    void derivedServerIdsAreStableAndInRange() {
        for (String name : new String[] {"", "example", "orders", "a-very-long-destination-name-0123456789"}) {
            long id = ServerIds.forDestination(name);
            assertThat(id).isBetween(ServerIds.MIN_DERIVED, ServerIds.DERIVED_LIMIT - 1);
            assertThat(ServerIds.forDestination(name)).isEqualTo(id);
        }
        assertThat(ServerIds.forDestination("example")).isNotEqualTo(ServerIds.forDestination("orders"));
    }

    @Test
    void exponentialDelayGrowsUpToTheCapThenGivesUp() {
        RestartPolicy policy = RestartPolicy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(5), 4,
                Duration.ofMinutes(1));

        assertThat(policy.delayBefore(1, 1)).contains(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(2, 2)).contains(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(3, 3)).contains(Duration.ofSeconds(4));
        assertThat(policy.delayBefore(4, 4)).contains(Duration.ofSeconds(5));
        assertThat(policy.delayBefore(5, 5)).isEmpty();
    }

    @Test
    void exponentialDelayUsesItsMultiplier() {
        RestartPolicy policy = new RestartPolicy(RestartPolicy.Kind.EXPONENTIAL_DELAY, Duration.ofSeconds(1),
                Duration.ofMinutes(1), 1.5, RestartPolicy.UNLIMITED, 1, Duration.ofMinutes(1), Duration.ofMinutes(1));

        assertThat(policy.delayBefore(3, 1)).contains(Duration.ofMillis(2250));
        assertThat(policy.delayBefore(1000, 1)).contains(Duration.ofMinutes(1));
    }

    @Test
    void fixedDelayFailureRateAndNone() {
        RestartPolicy fixed = RestartPolicy.fixedDelay(Duration.ofSeconds(3), 2, Duration.ofMinutes(1));
        RestartPolicy rate = new RestartPolicy(RestartPolicy.Kind.FAILURE_RATE, Duration.ofSeconds(2),
                Duration.ofSeconds(2), 1, 1, 3, Duration.ofMinutes(5), Duration.ofMinutes(1));
        RestartPolicy none = new RestartPolicy(RestartPolicy.Kind.NONE, Duration.ofSeconds(1), Duration.ofSeconds(1),
                1, 1, 1, Duration.ofMinutes(1), Duration.ofMinutes(1));

        assertThat(fixed.delayBefore(2, 2)).contains(Duration.ofSeconds(3));
        assertThat(fixed.delayBefore(3, 3)).isEmpty();
        assertThat(rate.delayBefore(100, 3)).contains(Duration.ofSeconds(2));
        assertThat(rate.delayBefore(1, 4)).isEmpty();
        assertThat(none.delayBefore(1, 1)).isEmpty();
    }

    @Test
    void placeholdersNestAndTakeDefaults() {
        Map<String, String> values = Map.of("a", "${b}/x", "b", "root");
        Setting s = new Setting("collector.meta.dir", "${a}/${missing:dflt}/${b}", "f");

        assertThat(Placeholders.resolve(s, name -> Optional.ofNullable(values.get(name))).value())
                .isEqualTo("root/x/dflt/root");
    }

    @Test
    void placeholderCyclesFail() {
        Setting s = new Setting("collector.meta.dir", "${a}", "f");

        assertThatThrownBy(() -> Placeholders.resolve(s, name -> Optional.of("${a}")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value \"${a}\" for collector.meta.dir in f: placeholders nest more than 8 deep"
                        + " (a cycle?)");
    }
}
