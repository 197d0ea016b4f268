package io.collector.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Scramble411Test {

    private static final byte[] SEED = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final HexFormat HEX = HexFormat.of();

    /** Vectors computed independently (Python hashlib); the first two stored hashes are well known. */
    @ParameterizedTest
    @CsvSource({
        "canal,    e3619321c1a937c46a0d8bd1dac39f93b27d4458, 7de44690d8e53782cb61804a2455c284a3bbfb06",
        "password, 2470c0c06dee42fd1618bb99005adca2ec9d1e19, 3e305d16bd09629541d63057156be4fba027bcbd",
        "pässwörd, 0225ec5004abb0b8cb557541fe53de1a5d8cc825, 69197eae747376e750c62fea72d41c6bd2c5c16b",
    })
    void matchesKnownVectors(String password, String stored, String token) {
        assertThat(Scramble411.storedHash(password)).isEqualTo(stored);
        assertThat(Scramble411.scrambledHex(password, SEED)).isEqualTo(token);
    }

    @ParameterizedTest
    @CsvSource({"canal", "password", "pässwörd", "a", "a much longer pass phrase with spaces 1234567890"})
    void tokenVerifiesWithTheServerRule(String password) {
        byte[] seed = HEX.parseHex("8a7c1e90ff003d2b");
        byte[] token = HEX.parseHex(Scramble411.scrambledHex(password, seed));
        assertThat(Scramble411.verify(token, Scramble411.storedHash(password), seed)).isTrue();
        assertThat(Scramble411.verify(token, Scramble411.storedHash(password).toUpperCase(), seed)).isTrue();
    }

    @Test
    void wrongPasswordOrSeedDoesNotVerify() {
        byte[] token = Scramble411.scramble("canal", SEED);
        assertThat(Scramble411.verify(token, Scramble411.storedHash("canal2"), SEED)).isFalse();
        assertThat(Scramble411.verify(token, Scramble411.storedHash("canal"), new byte[] {8, 7, 6, 5, 4, 3, 2, 1}))
                .isFalse();
        assertThat(Scramble411.verify(new byte[0], Scramble411.storedHash("canal"), SEED)).isFalse();
    }

    @Test
    void tokenIsFortyLowercaseHexDigitsAndNoPasswordSendsNothing() {
        assertThat(Scramble411.scrambledHex("Secret", SEED)).matches("[0-9a-f]{40}");
        assertThat(Scramble411.scrambledHex("", SEED)).isEmpty();
    }
}
