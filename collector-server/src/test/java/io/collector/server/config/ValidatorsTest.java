package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.ConfigException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What each value type accepts, and how it is read. */
class ValidatorsTest {

    private static final String FILE = "conf/collector.properties";

    private static Setting ours(String value) {
        return new Setting("collector.x", value, FILE);
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "5s, 5000", "2m, 120000", "1h, 3600000", "250, 250", "5S, 5000", "3 s, 3000"})
    void durationsOfOurKeysTakeUnits(String text, long millis) {
        assertThat(Validators.duration(Duration.ZERO, Duration.ofDays(1)).parse(ours(text))).hasMillis(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "1.5s", "5d", "s", "9223372036854775807h"})
    void durationsRejectOtherForms(String text) {
        assertThatThrownBy(() -> Validators.duration(Duration.ZERO, Duration.ofDays(1)).parse(ours(text)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value \"" + text + "\" for collector.x in " + FILE);
    }

    @ParameterizedTest
    @CsvSource({"canal.auto.scan.interval, 5, 5000", "canal.file.flush.period, 1000, 1000"})
    void canalDurationsAreBareNumbersInCanalsUnit(String key, String text, long millis) {
        Setting canal = new Setting(key, text, FILE);

        assertThat(Validators.duration(Duration.ZERO, Duration.ofHours(1)).parse(canal)).hasMillis(millis);
    }

    @ParameterizedTest
    @CsvSource({"1024, 1024", "64k, 65536", "16m, 16777216", "1G, 1073741824"})
    void byteSizesTakeBinaryUnits(String text, long bytes) {
        assertThat(Validators.bytes(1, Long.MAX_VALUE).parse(ours(text))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"db.example.com:3306, db.example.com, 3306", "127.0.0.1:1, 127.0.0.1, 1",
        "'[::1]:3307', ::1, 3307", "'[fe80::1]:65535', fe80::1, 65535"})
    void hostPortsIncludingIpv6(String text, String host, int port) {
        assertThat(Validators.hostPort().parse(ours(text))).isEqualTo(new HostPort(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", ":3306", "db:", "db:0", "::1:3306", "db:port", "[::1]"})
    void hostPortsRejected(String text) {
        assertThatThrownBy(() -> Validators.hostPort().parse(ours(text))).isInstanceOf(ConfigException.class);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "False, false"})
    void booleansInAnyCase(String text, boolean value) {
        assertThat(Validators.bool().parse(ours(text))).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "yes", "on", "t"})
    void booleansOnlyTrueOrFalse(String text) {
        assertThatThrownBy(() -> Validators.bool().parse(ours(text))).hasMessageEndingWith("must be true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "KAFKA", "Kafka"})
    void enumsInAnyCase(String text) {
        assertThat(Validators.oneOf(ServerMode.class).parse(ours(text))).isEqualTo(ServerMode.KAFKA);
    }

    @ParameterizedTest
    @CsvSource(value = {"a, b ,a|a;b", "example|example", "my-db_2.x|my-db_2.x"}, delimiter = '|')
    void destinationNamesAreTrimmedAndUnique(String text, String names) {
        assertThat(Validators.names().parse(ours(text))).isEqualTo(List.of(names.split(";")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "..", "a/b", "a,,b"})
    void destinationNamesRejected(String text) {
        assertThatThrownBy(() -> Validators.names().parse(ours(text))).isInstanceOf(ConfigException.class);
    }

    @ParameterizedTest
    @CsvSource({"UTC, Z", "+08:00, +08:00"})
    void zonesByIdOrOffset(String text, String offset) {
        assertThat(Validators.zone().parse(ours(text)).getRules().getOffset(java.time.Instant.EPOCH))
                .isEqualTo(ZoneOffset.of(offset));
    }

    @ParameterizedTest
    @ValueSource(strings = {".*\\..*", "db1\\..*, db2\\.t[0-9]+", "a|b"})
    void regexListsThatCompile(String text) {
        assertThat(Validators.regexList().parse(ours(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "11", "0", "2147483648", "1.0", " "})
    void integersInRange(String text) {
        assertThatThrownBy(() -> Validators.between(1, 10).parse(ours(text))).hasMessage("Invalid value \""
                + text + "\" for collector.x in " + FILE + ": must be an integer in [1, 10]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"E3619321C1A937C46A0D8BD1DAC39F93B27D4458", "e3619321c1a937c46a0d8bd1dac39f93b27d4458"})
    void passwordHashesAreLowerCased(String text) {
        assertThat(Validators.sha1Hex().parse(ours(text))).isEqualTo("e3619321c1a937c46a0d8bd1dac39f93b27d4458");
    }
}
