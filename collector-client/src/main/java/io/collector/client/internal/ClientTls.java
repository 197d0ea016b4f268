package io.collector.client.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client's TLS context: which servers it trusts (PEM certificates, a key store, or the JVM's default trust)
 * and, optionally, its own certificate. The server's host name is verified against its certificate.
 */
public final class ClientTls {

    private final SslContext context;

    private ClientTls(SslContext context) {
        this.context = context;
    }

    /**
     * Builds the context.
     *
     * @param trustPem         CA or server certificates to trust, PEM; null for the key store or the JVM's trust
     * @param trustStore       a key store (PKCS12 or JKS) of trusted certificates; null for none
     * @param trustStorePass   its password, or null
     * @param clientCert       the client's certificate chain, PEM; null for none
     * @param clientKey        the client's key, unencrypted PKCS#8 PEM; with {@code clientCert}
     * @throws IllegalStateException naming the file that cannot be used
     */
    public static ClientTls of(Path trustPem, Path trustStore, char[] trustStorePass, Path clientCert,
                               Path clientKey) {
        SslContextBuilder builder = SslContextBuilder.forClient();
        try {
            if (trustPem != null) {
                builder.trustManager(trustPem.toFile());
            } else if (trustStore != null) {
                builder.trustManager(trustManagers(trustStore, trustStorePass));
            }
            if (clientCert != null) {
                builder.keyManager(clientCert.toFile(), clientKey.toFile());
            }
            return new ClientTls(builder.build());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up TLS with trust " + (trustPem != null ? trustPem
                    : trustStore != null ? trustStore : "of the JVM") + (clientCert == null ? ""
                    : " and client certificate " + clientCert) + ": " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(Path store, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance(store.toFile(), password);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keys);
        return factory;
    }

    /** A handler for a connection to {@code host}, verifying that the server's certificate names it. */
    SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        SslHandler handler = context.newHandler(alloc, host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }
}
