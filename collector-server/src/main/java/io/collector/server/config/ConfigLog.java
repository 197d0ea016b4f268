package io.collector.server.config;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link ConfigLoader} tells the operator about its input: each Canal alias used (INFO, once per
 * loader), unsupported Canal keys and unknown keys of ours (one WARN line per file), and other one-time
 * warnings. Thread-safe.
 */
final class ConfigLog {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private final Set<String> said = ConcurrentHashMap.newKeySet();

    /** Logs {@code Canal key <canalKey> is read as <ourKey>}, the first time only. */
    void aliasUsed(String canalKey, String ourKey) {
        String message = "Canal key " + canalKey + " is read as " + ourKey;
        if (said.add(message)) {
            LOG.info(message);
        }
    }

    /** Logs one WARN line listing the Canal keys of {@code origin} that nothing reads, if there are any. */
    void unsupported(String origin, Collection<String> canalKeys) {
        if (!canalKeys.isEmpty()) {
            warnOnce("Canal keys in " + origin + " not supported, ignored: "
                    + String.join(", ", new TreeSet<>(canalKeys)));
        }
    }

    /** Logs one WARN line listing keys of ours in {@code origin} that nothing reads (typos), if there are any. */
    void unknown(String origin, Collection<String> keys) {
        if (!keys.isEmpty()) {
            warnOnce("Unknown keys in " + origin + ", ignored: " + String.join(", ", new TreeSet<>(keys)));
        }
    }

    /** Logs {@code message} at INFO, the first time only. */
    void infoOnce(String message) {
        if (said.add(message)) {
            LOG.info(message);
        }
    }

    /** Logs {@code message} at WARN, the first time only. */
    void warnOnce(String message) {
        if (said.add(message)) {
            LOG.warn(message);
        }
    }
}
