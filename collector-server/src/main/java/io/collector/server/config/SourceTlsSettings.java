package io.collector.server.config;

import io.collector.server.parser.source.SourceTls;
import io.collector.server.parser.source.SourceTls.Mode;
import io.collector.server.parser.source.SourceTlsContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a destination's TLS to the source ({@code collector.instance.source.ssl.*}) and checks at start-up that
 * its files are readable and hold what they should, so a bad file stops the start with the key that names it.
 */
final class SourceTlsSettings {

    private static final String MODES = "must be one of " + Arrays.stream(Mode.values()).map(Mode::configName)
            .collect(Collectors.joining(", "));

    private final ConfigReader r;
    private final Path home;

    private SourceTlsSettings(ConfigReader reader, Path home) {
        this.r = reader;
        this.home = home;
    }

    /** The settings, validated; {@code host} is the source host the certificate must name under verify-identity. */
    static SourceTls read(ConfigReader reader, Path home, String host) {
        return new SourceTlsSettings(reader, home).read(host);
    }

    private SourceTls read(String host) {
        Mode mode = r.get(InstanceKeys.SOURCE_SSL_MODE);
        Optional<Setting> ca = r.find(InstanceKeys.SOURCE_SSL_CA_FILE);
        Optional<Setting> trust = r.find(InstanceKeys.SOURCE_SSL_TRUST_STORE);
        if (ca.isPresent() && trust.isPresent()) {
            throw trust.get().invalid("cannot be combined with " + InstanceKeys.SOURCE_SSL_CA_FILE
                    + "; trust either a CA file or a trust store");
        }
        SourceTls tls = new SourceTls(mode, ca.map(s -> existing(s, r.path(s.key(), home, ""))).orElse(null),
                store(InstanceKeys.SOURCE_SSL_TRUST_STORE, InstanceKeys.SOURCE_SSL_TRUST_STORE_PASSWORD,
                        InstanceKeys.SOURCE_SSL_TRUST_STORE_TYPE),
                store(InstanceKeys.SOURCE_SSL_KEY_STORE, InstanceKeys.SOURCE_SSL_KEY_STORE_PASSWORD,
                        InstanceKeys.SOURCE_SSL_KEY_STORE_TYPE),
                r.get(InstanceKeys.SOURCE_ALLOW_PUBLIC_KEY_RETRIEVAL));
        check(tls, host, ca.or(() -> trust).or(() -> r.find(InstanceKeys.SOURCE_SSL_KEY_STORE)));
        return tls;
    }

    /** Reads {@code collector.instance.source.ssl.mode}. */
    static ValueType<Mode> mode() {
        return SourceTlsSettings::mode;
    }

    /** Our names ({@code verify-ca}) and Canal's ({@code VERIFY_CA}), in any case. */
    private static Mode mode(Setting s) {
        String name = s.value().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(Mode.values()).filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> s.invalid(MODES));
    }

    /** The store {@code fileKey} names, if set; its password and type keys are read either way (none is unknown). */
    private SourceTls.StoreFile store(ConfigKey<String> fileKey, ConfigKey<String> passwordKey,
                                      ConfigKey<String> typeKey) {
        String password = r.get(passwordKey, "");
        String type = r.get(typeKey);
        return r.find(fileKey).map(file -> new SourceTls.StoreFile(existing(file, storePath(file)), password, type))
                .orElse(null);
    }

    /** A path, or a {@code file:} URL as Canal's key store keys take. */
    private Path storePath(Setting s) {
        if (!s.value().startsWith("file:")) {
            return r.path(s.key(), home, "");
        }
        try {
            return Path.of(URI.create(s.value()));
        } catch (IllegalArgumentException e) {
            throw s.invalid("must be a file path or a file: URL (" + e.getMessage() + ")");
        }
    }

    private static Path existing(Setting s, Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw s.invalid("must name a readable file; " + path + " is not one");
        }
        return path;
    }

    /** Builds the TLS context once, so a file that holds no certificate or a wrong password fails the start. */
    private static void check(SourceTls tls, String host, Optional<Setting> file) {
        try {
            new SourceTlsContext(tls, host);
        } catch (IllegalArgumentException e) {
            throw file.map(s -> s.invalid("cannot be used for TLS to the source: " + e.getMessage()))
                    .orElseThrow(() -> e);
        }
    }
}
