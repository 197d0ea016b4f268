package io.collector.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.protocol.SecurityUtil;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
