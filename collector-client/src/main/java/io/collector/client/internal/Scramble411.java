package io.collector.client.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MySQL 4.1 password scrambling as Canal uses it: {@code SHA1(pw) XOR SHA1(seed + SHA1(SHA1(pw)))}. The
 * client sends the lowercase hex of the token; the server, which stores {@code hex(SHA1(SHA1(pw)))}, XORs the
 * token with {@code SHA1(seed + stored)} and compares the SHA1 of the result with what it stores.
 */
public final class Scramble411 {

    private static final HexFormat HEX = HexFormat.of();

    private Scramble411() {
    }

    /**
     * Returns the scrambled token for a password and the server's seed.
     *
     * @param password the clear-text password, encoded as UTF-8
     * @param seed     the seed from the server's handshake
     * @return the 20-byte token
     */
    public static byte[] scramble(String password, byte[] seed) {
        byte[] stage1 = sha1(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha1(stage1);
        MessageDigest digest = newSha1();
        digest.update(seed);
        digest.update(stage2);
        return xor(stage1, digest.digest());
    }

    /**
     * Returns what the client puts into {@code ClientAuth.password}: the lowercase hex of the token, or the
     * empty string when there is no password.
     *
     * @param password the clear-text password, empty for none
     * @param seed     the seed from the server's handshake
     * @return 40 lowercase hex digits, or ""
     */
    public static String scrambledHex(String password, byte[] seed) {
        return password.isEmpty() ? "" : HEX.formatHex(scramble(password, seed));
    }

    /**
     * Returns what a server stores for a password: {@code hex(SHA1(SHA1(pw)))}, MySQL's {@code PASSWORD()}
     * without the leading '*', in lowercase.
     *
     * @param password the clear-text password
     * @return 40 lowercase hex digits
     */
    public static String storedHash(String password) {
        return HEX.formatHex(sha1(sha1(password.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Checks a token the way the server does.
     *
     * @param token      the token the client sent (decoded from hex)
     * @param storedHash the server's {@code hex(SHA1(SHA1(pw)))}, either case
     * @param seed       the seed the server sent
     * @return whether the token proves knowledge of the password
     */
    public static boolean verify(byte[] token, String storedHash, byte[] seed) {
        byte[] stored = HEX.parseHex(storedHash.toLowerCase(java.util.Locale.ROOT));
        MessageDigest digest = newSha1();
        digest.update(seed);
        digest.update(stored);
        byte[] candidate = xor(token, digest.digest());
        return MessageDigest.isEqual(sha1(candidate), stored);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return new byte[0];
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] sha1(byte[] input) {
        return newSha1().digest(input);
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1, which every Java platform must provide", e);
        }
    }
}
