package io.collector.server.admin;

import io.collector.server.config.AdminConfig;
import io.collector.server.config.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * Checks an admin request's {@code Authorization} header: {@code Bearer <collector.admin.token>} or
 * {@code Basic base64(user:password)} against {@code collector.admin.user} and the password's hash. Comparisons
 * take the same time whatever matches. With neither configured every request passes (loopback only).
 */
final class AdminAuth {

    private final AdminConfig config;

    AdminAuth(AdminConfig config) {
        this.config = config;
    }

    boolean allows(String authorization) {
        if (!config.authRequired()) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1).strip();
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "bearer" -> !config.token().isEmpty() && same(credentials, config.token());
            case "basic" -> !config.user().isEmpty() && basic(credentials);
            default -> false;
        };
    }

    /** The {@code WWW-Authenticate} challenge of a refusal. */
    String challenge() {
        return config.user().isEmpty() ? "Bearer realm=\"collector\"" : "Basic realm=\"collector\", charset=\"UTF-8\"";
    }

    private boolean basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean user = same(decoded.substring(0, colon), config.user());
        boolean password = same(PasswordHash.of(decoded.substring(colon + 1)), config.passwordHash());
        return user & password;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
