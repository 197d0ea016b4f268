package io.collector.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MySQL 4.1 password scrambling as Canal uses it between client and server: the one implementation the
 * collector's server (checking a client's authentication) and its client SDK (answering the handshake) share.
 *
 * <p>The server stores {@code hash = SHA1(SHA1(password))} (hex, as Canal's {@code canal.passwd}); the client
 * sends {@code token = SHA1(password) XOR SHA1(seed + hash)}. The server recovers {@code SHA1(password)} as
 * {@code token XOR SHA1(seed + hash)} and accepts when its SHA-1 equals the stored hash. Stateless and
 * thread-safe.
 */
public final class Scramble411 {

    private static final int SHA1_LENGTH = 20;
    private static final HexFormat HEX = HexFormat.of();

    private Scramble411() {
    }

    /** {@code hex(SHA1(SHA1(password)))} in lower case: what the server stores (MySQL's PASSWORD() without '*'). */
    public static String passwordHash(String password) {
        return HEX.formatHex(sha1(sha1(password.getBytes(StandardCharsets.UTF_8))));
    }

    /** The client's token for {@code password} and the server's {@code seed}. */
    public static byte[] scramble(byte[] password, byte[] seed) {
        byte[] stage1 = sha1(password);
        byte[] stage2 = sha1(stage1);
        return xor(stage1, sha1(seed, stage2));
    }

    /**
     * What a client puts into {@code ClientAuth.password}: the lower-case hex of the token, or the empty string
     * when there is no password.
     */
    public static String scrambledHex(String password, byte[] seed) {
        return password.isEmpty() ? "" : HEX.formatHex(scramble(password.getBytes(StandardCharsets.UTF_8), seed));
    }

    /**
     * Whether {@code token} proves knowledge of the password whose hash is {@code storedHashHex}.
     * The final comparison takes the same time wherever the digests differ.
     *
     * @param token         the raw 20-byte token (not hex)
     * @param seed          the seed the server sent in its handshake
     * @param storedHashHex {@code hex(SHA1(SHA1(password)))}
     */
    public static boolean matches(byte[] token, byte[] seed, String storedHashHex) {
        byte[] stored = parseHex(storedHashHex);
        if (token.length != SHA1_LENGTH || stored == null || stored.length != SHA1_LENGTH) {
            return false;
        }
        byte[] stage1 = xor(token, sha1(seed, stored));
        return MessageDigest.isEqual(sha1(stage1), stored);
    }

    /**
     * Whether the hex text a Canal client sends as its password (the token in hex) matches; false for text
     * that is not hex.
     */
    public static boolean matchesHex(String tokenHex, byte[] seed, String storedHashHex) {
        byte[] token = parseHex(tokenHex);
        return token != null && matches(token, seed, storedHashHex);
    }

    /** The bytes of {@code hex}, or null if it is not an even-length hex string. */
    static byte[] parseHex(String hex) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] sha1(byte[]... parts) {
        MessageDigest digest = newSha1();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }
}
