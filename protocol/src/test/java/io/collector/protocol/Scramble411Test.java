package io.collector.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.protocol.SecurityUtil;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canal's MySQL 4.1 scrambling: known vectors, Canal's own client computation, and rejections. */
class Scramble411Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SEED = {1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void passwordHashIsMysqlPasswordWithoutTheStar() {
        // MySQL: PASSWORD('password') = *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19
        assertThat(Scramble411.passwordHash("password")).isEqualTo("2470c0c06dee42fd1618bb99005adca2ec9d1e19");
        assertThat(Scramble411.passwordHash("123456")).isEqualTo("6bb4837eb74329105ee4568dda7dc67ed2ca2ad9");
    }

    @Test
    void passwordHashEqualsCanalsGeneratedPassword() throws Exception {
        assertThat(Scramble411.passwordHash("canal")).isEqualToIgnoringCase(SecurityUtil.scrambleGenPass(bytes("canal")));
    }

    @Test
    void scrambleOfAKnownSeedAndPassword() {
        byte[] token = Scramble411.scramble(bytes("canal-secret"), SEED);
        assertThat(HEX.formatHex(token)).isEqualTo("7805bcbe5bcd76cd5ca95f1035ee969db74e559f");
        assertThat(Scramble411.passwordHash("canal-secret")).isEqualTo("f294ceecb0c0b09cfdd18ae19f0af0a1478f24e0");
    }

    @Test
    void aTokenFromTheCanalClientComputationMatches() throws Exception {
        byte[] seed = HEX.parseHex("a1b2c3d4e5f60718");
        String tokenHex = SecurityUtil.byte2HexStr(SecurityUtil.scramble411(bytes("s3cret!"), seed));
        assertThat(Scramble411.matchesHex(tokenHex, seed, Scramble411.passwordHash("s3cret!"))).isTrue();
        assertThat(Scramble411.matchesHex(tokenHex.toUpperCase(), seed, Scramble411.passwordHash("s3cret!"))).isTrue();
    }

    @Test
    void ourTokenPassesCanalsServerCheck() throws Exception {
        byte[] token = Scramble411.scramble(bytes("pw"), SEED);
        byte[] stored = HEX.parseHex(Scramble411.passwordHash("pw"));
        assertThat(SecurityUtil.scrambleServerAuth(token, stored, SEED)).isTrue();
    }

    @Test
    void roundTripForManyPasswordsAndSeeds() {
        for (int i = 0; i < 50; i++) {
            byte[] seed = HEX.parseHex(String.format("%016x", i * 0x9E3779B97F4A7C15L));
            String password = "pw-" + i + "-\u00e9";
            byte[] token = Scramble411.scramble(bytes(password), seed);
            assertThat(Scramble411.matches(token, seed, Scramble411.passwordHash(password))).isTrue();
        }
    }

    @Test
    void aWrongPasswordOrSeedIsRejected() {
        String stored = Scramble411.passwordHash("right");
        assertThat(Scramble411.matches(Scramble411.scramble(bytes("wrong"), SEED), SEED, stored)).isFalse();
        byte[] otherSeed = {8, 7, 6, 5, 4, 3, 2, 1};
        assertThat(Scramble411.matches(Scramble411.scramble(bytes("right"), otherSeed), SEED, stored)).isFalse();
    }

    @Test
    void aTokenDifferingInAnySingleByteIsRejected() {
        String stored = Scramble411.passwordHash("right");
        byte[] token = Scramble411.scramble(bytes("right"), SEED);
        for (int i = 0; i < token.length; i++) {
            byte[] tampered = token.clone();
            tampered[i] ^= 0x01;
            assertThat(Scramble411.matches(tampered, SEED, stored)).as("byte %d changed", i).isFalse();
        }
    }

    @Test
    void malformedTokensAndHashesAreRejected() {
        String stored = Scramble411.passwordHash("right");
        byte[] token = Scramble411.scramble(bytes("right"), SEED);
        assertThat(Scramble411.matches(new byte[19], SEED, stored)).isFalse();
        assertThat(Scramble411.matches(new byte[0], SEED, stored)).isFalse();
        assertThat(Scramble411.matchesHex("not hex at all", SEED, stored)).isFalse();
        assertThat(Scramble411.matchesHex("abc", SEED, stored)).isFalse();
        assertThat(Scramble411.matches(token, SEED, "zz")).isFalse();
        assertThat(Scramble411.matches(token, SEED, stored.substring(2))).isFalse();
    }

    /** Vectors computed independently (Python hashlib); the first two stored hashes are well known. */
    @ParameterizedTest
    @CsvSource({
        "canal,    e3619321c1a937c46a0d8bd1dac39f93b27d4458, 7de44690d8e53782cb61804a2455c284a3bbfb06",
        "password, 2470c0c06dee42fd1618bb99005adca2ec9d1e19, 3e305d16bd09629541d63057156be4fba027bcbd",
        "pässwörd, 0225ec5004abb0b8cb557541fe53de1a5d8cc825, 69197eae747376e750c62fea72d41c6bd2c5c16b",
    })
    void clientTokensMatchKnownVectors(String password, String stored, String token) {
        assertThat(Scramble411.passwordHash(password)).isEqualTo(stored);
        assertThat(Scramble411.scrambledHex(password, SEED)).isEqualTo(token);
    }

    @ParameterizedTest
    @CsvSource({"canal", "password", "pässwörd", "a", "a much longer pass phrase with spaces 1234567890"})
    void aClientTokenPassesTheServerCheck(String password) {
        byte[] seed = HEX.parseHex("8a7c1e90ff003d2b");
        String tokenHex = Scramble411.scrambledHex(password, seed);
        assertThat(Scramble411.matchesHex(tokenHex, seed, Scramble411.passwordHash(password))).isTrue();
        assertThat(Scramble411.matchesHex(tokenHex, seed, Scramble411.passwordHash(password).toUpperCase())).isTrue();
    }

    @Test
    void aClientTokenIsFortyLowerCaseHexDigitsAndNoPasswordSendsNothing() {
        assertThat(Scramble411.scrambledHex("Secret", SEED)).matches("[0-9a-f]{40}");
        assertThat(Scramble411.scrambledHex("", SEED)).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
