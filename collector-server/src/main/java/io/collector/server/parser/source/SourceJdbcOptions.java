package io.collector.server.parser.source;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB Connector/J options of the SQL connection to the source, TLS included. The driver knows
 * {@code sslMode} = {@code disable}, {@code trust} (encrypt, verify nothing), {@code verify-ca} and
 * {@code verify-full}, but no "preferred": {@link SourceTls.Mode#PREFERRED} asks for {@code trust} and falls
 * back to a plain connection when the server has no TLS ({@link #fallBackToPlain}). The CA file is the driver's
 * {@code serverSslCert}, the stores its {@code trustStore*} and {@code keyStore*} options;
 * {@code allowPublicKeyRetrieval} only as {@link SourceTls#allowsPublicKeyRetrieval()} says.
 */
final class SourceJdbcOptions {

    private static final Logger LOG = LoggerFactory.getLogger(SourceJdbcOptions.class);
    /** Connector/J's message when TLS was asked of a server without it. */
    private static final String NO_TLS_ON_SERVER = "ssl not enabled in the server";
    /** ER_ACCESS_DENIED_ERROR. */
    private static final int ACCESS_DENIED = 1045;

    private final String source;
    private final String user;
    private final String password;
    private final SourceTls tls;
    private volatile boolean plain;

    /** @param source {@code host:port}, for the log */
    SourceJdbcOptions(String source, String user, String password, SourceTls tls) {
        this.source = source;
        this.user = user;
        this.password = password == null ? "" : password;
        this.tls = tls;
    }

    /** The driver properties, credentials included, with {@code extra} on top. */
    Properties properties(Map<String, String> extra) {
        Properties props = properties();
        extra.forEach(props::setProperty);
        return props;
    }

    /** The driver properties, credentials included. */
    Properties properties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "10000");
        props.setProperty("socketTimeout", "60000");
        props.setProperty("allowPublicKeyRetrieval", Boolean.toString(tls.allowsPublicKeyRetrieval()));
        props.setProperty("sslMode", plain ? "disable" : sslMode());
        if (tls.caFile() != null) {
            props.setProperty("serverSslCert", tls.caFile().toString());
        }
        if (tls.trustStore() != null) {
            props.setProperty("trustStore", tls.trustStore().path().toString());
            props.setProperty("trustStorePassword", tls.trustStore().password());
            props.setProperty("trustStoreType", tls.trustStore().type());
        }
        if (tls.keyStore() != null) {
            props.setProperty("keyStore", tls.keyStore().path().toString());
            props.setProperty("keyStorePassword", tls.keyStore().password());
            props.setProperty("keyStoreType", tls.keyStore().type());
        }
        return props;
    }

    private String sslMode() {
        return switch (tls.mode()) {
            case DISABLED -> "disable";
            case PREFERRED, REQUIRED -> "trust";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_IDENTITY -> "verify-full";
        };
    }

    /**
     * Whether a failed connection should be tried again without TLS: in {@code preferred} mode, when the server
     * has no TLS. From then on {@link #properties()} ask for none.
     */
    boolean fallBackToPlain(SQLException e) {
        if (tls.mode() != SourceTls.Mode.PREFERRED || plain || !String.valueOf(e.getMessage()).contains(NO_TLS_ON_SERVER)) {
            return false;
        }
        LOG.info("[source={}] the source offers no TLS: ssl.mode=preferred connects without it", source);
        plain = true;
        return true;
    }

    /** What to add to the message of a failed query: the TLS settings in use, or a hint. */
    String explain(SQLException e) {
        if (tls.mode() != SourceTls.Mode.DISABLED) {
            return " (TLS to the source: " + tls.describe() + ")";
        }
        if (e.getErrorCode() == ACCESS_DENIED) {
            return " (without TLS: if the account requires SSL or X509, set collector.instance.source.ssl.mode)";
        }
        return "";
    }
}
