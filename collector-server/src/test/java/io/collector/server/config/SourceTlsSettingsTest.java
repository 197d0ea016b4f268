package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.ConfigException;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.source.SourceTls;
import io.collector.server.parser.source.SourceTls.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collector.instance.source.ssl.*}, their Canal aliases, the public key retrieval opt-in, the queue bound. */
class SourceTlsSettingsTest {

    @TempDir
    Path home;

    private ParserConfig load(String instance) {
        Path conf = home.resolve("conf");
        new ConfFolder(conf).server("").instance("example", ConfFolder.MINIMAL_INSTANCE + instance);
        ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());
        return loader.loadInstance(conf, "example", loader.load(conf).server()).parser();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SourceTlsSettingsTest.class.getResource("/tls/" + name).toURI());
    }

    @Test
    void defaultsArePlainWithoutPublicKeyRetrievalAndA64MiBQueue() {
        ParserConfig parser = load("");

        assertThat(parser.tls()).isEqualTo(SourceTls.DISABLED);
        assertThat(parser.tls().allowsPublicKeyRetrieval()).isFalse();
        assertThat(parser.conversionQueueBytes()).isEqualTo(64L << 20);
    }

    @Test
    void verifyCaWithACaFileAllowsPublicKeyRetrieval() throws URISyntaxException {
        ParserConfig parser = load("collector.instance.source.ssl.mode=verify-ca\n"
                + "collector.instance.source.ssl.ca.file=" + resource("ca.pem") + "\n"
                + "collector.instance.conversion.queue.bytes=8m\n");

        assertThat(parser.tls().mode()).isEqualTo(Mode.VERIFY_CA);
        assertThat(parser.tls().caFile()).isEqualTo(resource("ca.pem"));
        assertThat(parser.tls().allowsPublicKeyRetrieval()).isTrue();
        assertThat(parser.conversionQueueBytes()).isEqualTo(8L << 20);
    }

    @Test
    void preferredNeedsTheOptInForPublicKeyRetrieval() {
        assertThat(load("collector.instance.source.ssl.mode=preferred\n").tls().allowsPublicKeyRetrieval()).isFalse();
        assertThat(load("collector.instance.source.ssl.mode=preferred\n"
                + "collector.instance.source.allow.public.key.retrieval=true\n").tls().allowsPublicKeyRetrieval())
                .isTrue();
    }

    @Test
    void canalKeysNameTheModeAndATrustStoreByUrl() throws Exception {
        Path store = trustStore("store-pw");

        SourceTls tls = load("canal.instance.master.sslMode=VERIFY_IDENTITY\n"
                + "canal.instance.master.trustCertificateKeyStoreUrl=" + store.toUri() + "\n"
                + "canal.instance.master.trustCertificateKeyStoreType=PKCS12\n"
                + "canal.instance.master.trustCertificateKeyStorePassword=store-pw\n").tls();

        assertThat(tls.mode()).isEqualTo(Mode.VERIFY_IDENTITY);
        assertThat(tls.trustStore().path()).isEqualTo(store);
        assertThat(tls.trustStore().password()).isEqualTo("store-pw");
        assertThat(tls.toString()).doesNotContain("store-pw");
    }

    @Test
    void aWrongTrustStorePasswordFailsTheStartNamingTheKey() throws Exception {
        Path store = trustStore("store-pw");

        assertThatThrownBy(() -> load("collector.instance.source.ssl.mode=verify-ca\n"
                + "collector.instance.source.ssl.trust.store=" + store + "\n"
                + "collector.instance.source.ssl.trust.store.password=wrong\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("for collector.instance.source.ssl.trust.store in")
                .hasMessageContaining("cannot be used for TLS to the source: cannot read the trust store " + store)
                .hasMessageNotContaining("wrong");
    }

    @Test
    void aCaFileWithoutCertificatesFailsTheStart() throws IOException {
        Path notPem = Files.writeString(home.resolve("not.pem"), "no certificate here\n");

        assertThatThrownBy(() -> load("collector.instance.source.ssl.mode=verify-ca\n"
                + "collector.instance.source.ssl.ca.file=" + notPem + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("for collector.instance.source.ssl.ca.file in")
                .hasMessageContaining("cannot be used for TLS to the source");
    }

    @Test
    void aCaFileAndATrustStoreExcludeEachOther() throws Exception {
        Path store = trustStore("pw");

        assertThatThrownBy(() -> load("collector.instance.source.ssl.mode=verify-ca\n"
                + "collector.instance.source.ssl.ca.file=" + resource("ca.pem") + "\n"
                + "collector.instance.source.ssl.trust.store=" + store + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("for collector.instance.source.ssl.trust.store in")
                .hasMessageEndingWith("cannot be combined with collector.instance.source.ssl.ca.file; trust either a"
                        + " CA file or a trust store");
    }

    /** A PKCS12 trust store holding the test CA. */
    private Path trustStore(String password) throws IOException, GeneralSecurityException, URISyntaxException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(resource("ca.pem"))) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path file = home.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
