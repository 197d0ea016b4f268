package io.collector.server.net.handler;

import io.collector.server.error.ConfigException;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * TLS on the client port: the server's certificate chain and private key (PEM, the key unencrypted PKCS#8),
 * and optionally the CA certificates (PEM) that client certificates must chain to.
 *
 * @param enabled       whether clients must speak TLS; without it nothing else here applies
 * @param certificate   the server's certificate chain, PEM
 * @param key           the server's private key, PEM PKCS#8
 * @param clientCa      CA certificates for client certificates, PEM; absent = clients need none
 * @param requireClient whether a client certificate is required (else only verified when sent)
 */
public record NetTls(boolean enabled, Path certificate, Path key, Optional<Path> clientCa, boolean requireClient) {

    public NetTls {
        Objects.requireNonNull(clientCa, "clientCa");
        if (enabled) {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }

    /** No TLS: Canal's plain protocol. */
    public static NetTls off() {
        return new NetTls(false, null, null, Optional.empty(), false);
    }

    /** TLS with a server certificate, no client certificates. */
    public static NetTls server(Path certificate, Path key) {
        return new NetTls(true, certificate, key, Optional.empty(), false);
    }

    /** The same, verifying client certificates against {@code ca}; required or only when sent. */
    public NetTls withClientCa(Path ca, boolean required) {
        return new NetTls(enabled, certificate, key, Optional.of(ca), required);
    }

    /**
     * The server's TLS context, empty when TLS is off.
     *
     * @throws ConfigException naming the file when a file cannot be read or is not valid PEM
     */
    public Optional<SslContext> context() {
        if (!enabled) {
            return Optional.empty();
        }
        readable(certificate, "collector.net.tls.cert.file");
        readable(key, "collector.net.tls.key.file");
        clientCa.ifPresent(ca -> readable(ca, "collector.net.tls.client.ca.file"));
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(certificate.toFile(), key.toFile());
            clientCa.ifPresent(ca -> builder.trustManager(ca.toFile())
                    .clientAuth(requireClient ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL));
            return Optional.of(builder.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("Cannot use TLS certificate " + certificate + " with key " + key
                    + clientCa.map(ca -> " and client CA " + ca).orElse("") + ": " + e.getMessage()
                    + " (expected PEM certificates and an unencrypted PKCS#8 PEM key)", e);
        }
    }

    private static void readable(Path file, String key) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("Cannot read " + file + " (" + key + ")");
        }
    }

    @Override
    public String toString() {
        return enabled ? "TLS[certificate=" + certificate + ", clientCa=" + clientCa.map(Path::toString).orElse("none")
                + ", requireClient=" + requireClient + "]" : "TLS off";
    }
}
