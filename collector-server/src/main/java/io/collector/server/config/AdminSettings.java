package io.collector.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Checks of the admin endpoint's settings beyond one value's type. */
public final class AdminSettings {

    static final int MIN_TOKEN_LENGTH = 16;

    private AdminSettings() {
    }

    /** A bearer token: at least {@value #MIN_TOKEN_LENGTH} visible ASCII characters. */
    static ValueType<String> token() {
        return s -> {
            if (s.value().length() < MIN_TOKEN_LENGTH || !s.value().chars().allMatch(c -> c > 32 && c < 127)) {
                throw s.invalid("must be at least " + MIN_TOKEN_LENGTH
                        + " visible ASCII characters (no spaces), e.g. from: openssl rand -hex 24");
            }
            return s.value();
        };
    }

    /** A savepoint name: letters, digits, '.', '_' and '-', at most 100, not "." or "..". */
    static ValueType<String> savepointName() {
        return s -> {
            if (!isSavepointName(s.value())) {
                throw s.invalid("must be a savepoint name: 1 to 100 letters, digits, '.', '_' and '-'");
            }
            return s.value();
        };
    }

    /** Whether {@code name} may name a savepoint (it becomes a file and a znode name). */
    public static boolean isSavepointName(String name) {
        return name != null && name.matches("[A-Za-z0-9_.-]{1,100}") && !name.equals(".") && !name.equals("..");
    }

    /** Refuses an admin endpoint reachable from other machines without authentication. */
    static void checkExposure(Optional<Setting> host, boolean open) {
        if (host.isEmpty() || !open) {
            return;
        }
        try {
            if (!InetAddress.getByName(host.get().value()).isLoopbackAddress()) {
                throw host.get().invalid("an address other machines can reach needs authentication: set "
                        + ServerKeys.ADMIN_TOKEN + " or " + ServerKeys.ADMIN_USER + " with a password");
            }
        } catch (UnknownHostException e) {
            throw host.get().invalid("must be an address or a host name this machine resolves");
        }
    }
}
