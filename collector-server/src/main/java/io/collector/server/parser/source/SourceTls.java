package io.collector.server.parser.source;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * TLS to the source database, applied alike to the binlog connection and to the SQL (JDBC) connection.
 *
 * @param mode               how much TLS is asked for and what is verified
 * @param caFile             PEM file of the CA certificates the server's certificate must chain to; null = the
 *                           trust store, else the JDK's default trust store (used by the verifying modes only)
 * @param trustStore         a key store file of trusted certificates instead of {@code caFile}; null = none
 * @param keyStore           a key store file holding this client's certificate and private key, sent when the
 *                           server asks for one; null = none
 * @param publicKeyRetrieval whether the SQL connection may ask the server for its RSA public key (MySQL's
 *                           {@code caching_sha2_password} / {@code sha256_password} without TLS): allowed when
 *                           this is set or when the mode requires TLS
 */
public record SourceTls(Mode mode, Path caFile, StoreFile trustStore, StoreFile keyStore, boolean publicKeyRetrieval) {

    /** No TLS, no public key retrieval. */
    public static final SourceTls DISABLED = new SourceTls(Mode.DISABLED, null, null, null, false);

    public SourceTls {
        Objects.requireNonNull(mode, "mode");
        if (caFile != null && trustStore != null) {
            throw new IllegalArgumentException("a CA file and a trust store exclude each other");
        }
    }

    /** Whether public key retrieval is allowed: explicitly, or because every connection is encrypted. */
    public boolean allowsPublicKeyRetrieval() {
        return publicKeyRetrieval || mode.requiresTls();
    }

    /** The mode and the files in use, for error messages (never a password). */
    public String describe() {
        StringBuilder s = new StringBuilder("ssl.mode=").append(mode.configName());
        if (caFile != null) {
            s.append(", CA file ").append(caFile);
        }
        if (trustStore != null) {
            s.append(", trust store ").append(trustStore.path());
        }
        if (keyStore != null) {
            s.append(", key store ").append(keyStore.path());
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "SourceTls[" + describe() + ", publicKeyRetrieval=" + publicKeyRetrieval + "]";
    }

    /** The TLS modes, with MySQL's meaning. */
    public enum Mode {
        /** Plain connections. */
        DISABLED,
        /** TLS when the server offers it, plain otherwise; the certificate is not verified. */
        PREFERRED,
        /** TLS or no connection; the certificate is not verified. */
        REQUIRED,
        /** TLS, and the server's certificate must chain to a trusted CA. */
        VERIFY_CA,
        /** As {@link #VERIFY_CA}, and the certificate must name the configured source host. */
        VERIFY_IDENTITY;

        /** The name in the configuration: {@code verify-ca}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether a server without TLS is refused. */
        public boolean requiresTls() {
            return compareTo(REQUIRED) >= 0;
        }

        /** Whether the server's certificate is checked against trusted CAs. */
        public boolean verifiesCertificate() {
            return compareTo(VERIFY_CA) >= 0;
        }
    }

    /**
     * A key store file.
     *
     * @param path     the file
     * @param password its password; empty = none
     * @param type     its type ({@code PKCS12}, {@code JKS}); PKCS12 reads JKS files too
     */
    public record StoreFile(Path path, String password, String type) {

        public StoreFile {
            Objects.requireNonNull(path, "path");
            password = password == null ? "" : password;
            type = type == null || type.isBlank() ? "PKCS12" : type;
        }

        @Override
        public String toString() {
            return "StoreFile[" + path + ", type=" + type + ", password=" + (password.isEmpty() ? "none" : "(hidden)")
                    + "]";
        }
    }
}
