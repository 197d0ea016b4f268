package io.collector.server.parser.source;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of the binlog connection. mysql-binlog-connector-java's own factories trust every certificate
 * ({@code PREFERRED}, {@code REQUIRED}) or only the JDK's default trust store ({@code VERIFY_CA}), and its
 * {@code VERIFY_IDENTITY} compares the certificate with the reverse lookup of the peer address; so the client is
 * given this factory instead: our CA file or trust store, our client key store, and for
 * {@link SourceTls.Mode#VERIFY_IDENTITY} the JDK's host name check (HTTPS rules) against the configured host.
 * The files are read once, when this is built.
 */
public final class SourceTlsContext implements SSLSocketFactory {

    private final SourceTls tls;
    private final String host;
    private final SSLContext context;

    /**
     * @param host the source host as configured, which the certificate must name under {@code verify-identity}
     * @throws IllegalArgumentException when a file cannot be read or holds no usable certificate or key
     */
    public SourceTlsContext(SourceTls tls, String host) {
        this.tls = tls;
        this.host = host;
        this.context = tls.mode() == SourceTls.Mode.DISABLED ? null : buildContext(tls);
    }

    /** Sets the client's TLS mode and, unless disabled, this factory. */
    public void applyTo(BinaryLogClient client) {
        client.setSSLMode(switch (tls.mode()) {
            case DISABLED -> SSLMode.DISABLED;
            case PREFERRED -> SSLMode.PREFERRED;
            // the certificate and host checks are ours (see the class comment)
            case REQUIRED, VERIFY_CA, VERIFY_IDENTITY -> SSLMode.REQUIRED;
        });
        if (context != null) {
            client.setSslSocketFactory(this);
        }
    }

    @Override
    public SSLSocket createSocket(Socket socket) throws SocketException {
        try {
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
            if (tls.mode() == SourceTls.Mode.VERIFY_IDENTITY) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
            }
            return ssl;
        } catch (IOException e) {
            SocketException failure = new SocketException("cannot start TLS to " + host + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private static SSLContext buildContext(SourceTls tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(tls), trustManagers(tls), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS (" + tls.describe() + "): " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(SourceTls tls) throws GeneralSecurityException {
        if (tls.keyStore() == null) {
            return null;
        }
        KeyStore store = load(tls.keyStore(), "key store");
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, tls.keyStore().password().toCharArray());
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(SourceTls tls) throws GeneralSecurityException {
        if (!tls.mode().verifiesCertificate()) {
            return new TrustManager[] {new TrustingManager()};
        }
        KeyStore trusted = tls.caFile() != null ? caStore(tls) : tls.trustStore() != null
                ? load(tls.trustStore(), "trust store") : null;
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    private static KeyStore caStore(SourceTls tls) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(tls.caFile())) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA file " + tls.caFile() + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the CA file " + tls.caFile() + " holds no PEM certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int n = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + n++, certificate);
        }
        return store;
    }

    private static KeyStore load(SourceTls.StoreFile file, String what) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(file.type());
        try (InputStream in = Files.newInputStream(file.path())) {
            store.load(in, file.password().toCharArray());
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " " + file.path() + " (type " + file.type()
                    + "): " + e.getMessage(), e);
        }
    }

    /** Encryption without authentication of the server: what {@code preferred} and {@code required} mean. */
    private static final class TrustingManager implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client-side manager: never asked
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // preferred / required encrypt without verifying, as in MySQL's clients
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
