package io.collector.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The stored form of a client password: {@code hex(SHA1(SHA1(password)))}, lower case, as Canal's canal.passwd. */
public final class PasswordHash {

    private PasswordHash() {
    }

    /** The hash of {@code password} (UTF-8). */
    public static String of(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha1.digest(once));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
