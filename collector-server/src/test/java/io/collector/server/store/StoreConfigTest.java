package io.collector.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreConfigTest {

    @ParameterizedTest
    @CsvSource({"0, 1, entry capacity", "-1, 1, entry capacity", "67108865, 1, entry capacity",
        "1, 0, byte capacity", "1, -5, byte capacity"})
    void rejectsOutOfRangeCapacities(int entries, long bytes, String named) {
        assertThatThrownBy(() -> new StoreConfig(entries, bytes, false))
                .isInstanceOf(ConfigException.class).hasMessageContaining(named);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "16384, 16777216", "67108864, 9223372036854775807"})
    void acceptsCapacitiesInRange(int entries, long bytes) {
        assertThat(new StoreConfig(entries, bytes, true).capacityEntries()).isEqualTo(entries);
    }
}
