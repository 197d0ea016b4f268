package io.collector.server.config;

import io.collector.server.error.ConfigException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration value as found: the key as it was written (ours or a Canal alias), its text, and where it
 * came from ({@code conf/collector.properties}, {@code environment variable COLLECTOR_PORT},
 * {@code system property collector.port}).
 *
 * @param key    the key as written, e.g. {@code canal.port} when the Canal alias was used
 * @param value  the text, stripped of surrounding blanks; never empty
 * @param origin the file path or the variable that held it, for messages
 */
public record Setting(String key, String value, String origin) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether the key is a Canal key (read as an alias of one of ours). */
    public boolean isCanalKey() {
        return key.startsWith("canal.");
    }

    /** A copy holding another text, e.g. after placeholders were replaced. */
    Setting withValue(String text) {
        return new Setting(key, text, origin);
    }

    /**
     * The error for this value: {@code Invalid value "<value>" for <key> in <origin>: <allowed>}. Secret values
     * (passwords) are shown as {@code ****}.
     */
    public ConfigException invalid(String allowed) {
        return new ConfigException("Invalid value \"" + displayValue() + "\" for " + key + " in " + origin + ": "
                + allowed);
    }

    /** The value as it may appear in messages and logs. */
    public String displayValue() {
        return isSecret(key) ? "****" : value;
    }

    /**
     * Whether values of {@code key} must never be shown: as declared for a key of the registry or its Canal alias;
     * guessed from the name for free-form keys (the {@code kafka.*} producer settings) and undeclared ones.
     */
    static boolean isSecret(String key) {
        Optional<ConfigKey<?>> declared = ConfigRegistry.key(key)
                .or(() -> ConfigRegistry.keysOfAlias(key).stream().findFirst());
        return declared.map(ConfigKey::secret).orElseGet(() -> secretByName(key));
    }

    private static boolean secretByName(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("passwd") || lower.contains("jaas")
                || lower.contains("secret") || lower.contains("token");
    }
}
