package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.parser.source.SourceTls;
import io.collector.server.parser.source.SourceTls.Mode;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Await;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS to a real MariaDB started with a certificate ({@code tls/server.pem}, signed by {@code tls/ca.pem}, naming
 * localhost and 127.0.0.1), read by an account created {@code REQUIRE SSL}: its rows arrive under preferred,
 * required, verify-ca and verify-identity (so both the SQL and the binlog connection were encrypted: the server
 * refuses that account any other); verify-ca with another CA is refused on both connections with an error naming
 * the TLS settings, and so is verify-identity through an address the certificate does not name; without TLS the
 * account is refused with a hint at the setting; preferred reads a server without TLS in plain; an account
 * {@code REQUIRE X509} streams with the client key store and is refused without it.
 */
class SourceTlsIT {

    private static final String USER = "tls_repl";
    private static final String PASSWORD = "tls-repl-pw";
    private static final String X509_USER = "x509_repl";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** Another loopback address of the server, which its certificate does not name. */
    private static final String OTHER_ADDRESS = "127.0.0.2";
    private static TestMariaDb db;

    @BeforeAll
    static void startServer() throws URISyntaxException {
        db = TestMariaDb.builder().withArgs("--ssl-ca=" + resource("ca.pem"), "--ssl-cert=" + resource("server.pem"),
                "--ssl-key=" + resource("server.key"), "--bind-address=127.0.0.1," + OTHER_ADDRESS).build().start();
        db.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "' REQUIRE SSL",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, SHOW DATABASES ON *.* TO '" + USER
                        + "'@'%'",
                "CREATE USER '" + X509_USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "' REQUIRE X509",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, SHOW DATABASES ON *.* TO '" + X509_USER
                        + "'@'%'",
                "CREATE DATABASE tls", "CREATE TABLE tls.t (id INT PRIMARY KEY, v VARCHAR(20))");
    }

    @AfterAll
    static void stopServer() {
        if (db != null) {
            db.close();
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SourceTlsIT.class.getResource("/tls/" + name).toURI());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY"})
    void rowsArriveOverTls(Mode mode) throws URISyntaxException {
        ParserConfig parser = parser(mode, mode.verifiesCertificate() ? resource("ca.pem") : null);
        try (SourceDatabase sql = SourceConnections.database(parser)) {
            String cipher = sql.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'", rs -> rs.next() ? rs.getString(2) : "");
            assertThat(cipher).as("the SQL connection's cipher").isNotEmpty();
        }
        int id = NAMES.get() * 10;
        try (Pipeline pipeline = Pipeline.start(config(parser))) {
            db.execute("INSERT INTO tls.t VALUES (" + (id + 1) + ", 'a'), (" + (id + 2) + ", 'b')",
                    "UPDATE tls.t SET v = 'c' WHERE id = " + (id + 1));
            List<ChangeEvent> events = pipeline.takeRows(3, WAIT);

            assertThat(Pipeline.rowImages(Pipeline.rowsEntries(events))).extracting(row -> row.get("id"))
                    .containsExactly(Integer.toString(id + 1), Integer.toString(id + 2), Integer.toString(id + 1));
        }
    }

    @Test
    void verifyCaWithAnotherCaIsRefusedOnBothConnections() throws URISyntaxException {
        ParserConfig parser = parser(Mode.VERIFY_CA, resource("other-ca.pem"));
        try (Pipeline pipeline = Pipeline.start(config(parser))) {
            Throwable failure = awaitFailure(pipeline);

            assertThat(failure.getMessage()).contains("ssl.mode=verify-ca, CA file " + resource("other-ca.pem"))
                    .containsIgnoringCase("certification path");
            System.out.println("verify-ca with another CA: " + failure.getMessage());
        }
        BinaryLogClient binlog = SourceConnections.binlogClient(parser);
        assertThatThrownBy(() -> binlog.connect(10_000)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("certification path");
    }

    @Test
    void verifyIdentityRefusesACertificateThatDoesNotNameTheHost() throws URISyntaxException {
        ParserConfig byOtherAddress = withHost(parser(Mode.VERIFY_IDENTITY, resource("ca.pem")), OTHER_ADDRESS);
        try (Pipeline pipeline = Pipeline.start(config(byOtherAddress))) {
            Throwable failure = awaitFailure(pipeline);

            assertThat(failure.getMessage()).contains("ssl.mode=verify-identity", "hostname verification failed");
            System.out.println("verify-identity by another address: " + failure.getMessage());
        }
        BinaryLogClient binlog = SourceConnections.binlogClient(byOtherAddress);
        assertThatThrownBy(() -> binlog.connect(10_000)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining(OTHER_ADDRESS);
        try (SourceDatabase sql = SourceConnections.database(withHost(parser(Mode.VERIFY_CA, resource("ca.pem")),
                OTHER_ADDRESS))) {
            assertThat(sql.variable("have_ssl")).as("verify-ca does not check the name").contains("YES");
        }
    }

    @Test
    void anAccountThatRequiresAClientCertificateStreamsWithTheKeyStore(@TempDir Path dir) throws Exception {
        SourceTls.StoreFile keyStore = new SourceTls.StoreFile(clientKeyStore(dir, "ks-pw"), "ks-pw", "PKCS12");
        ParserConfig base = parser(Mode.VERIFY_CA, resource("ca.pem"));
        ParserConfig withoutCertificate = withUser(base, X509_USER, base.tls());
        ParserConfig withCertificate = withUser(base, X509_USER,
                new SourceTls(Mode.VERIFY_CA, resource("ca.pem"), null, keyStore, false));
        try (SourceDatabase sql = SourceConnections.database(withoutCertificate)) {
            assertThatThrownBy(() -> sql.variable("have_ssl")).hasMessageContaining("Access denied");
        }
        int id = NAMES.get() * 10;
        try (Pipeline pipeline = Pipeline.start(config(withCertificate))) {
            db.execute("INSERT INTO tls.t VALUES (" + id + ", 'x509')");
            assertThat(Pipeline.rowImages(Pipeline.rowsEntries(pipeline.takeRows(1, WAIT))))
                    .extracting(row -> row.get("id")).containsExactly(Integer.toString(id));
        }
    }

    /** A PKCS12 key store with the test client's certificate ({@code tls/client.pem}, signed by the CA) and key. */
    private static Path clientKeyStore(Path dir, String password) throws Exception {
        Certificate certificate;
        try (InputStream in = Files.newInputStream(resource("client.pem"))) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String pem = Files.readString(resource("client.key")).replaceAll("-----[A-Z ]+-----|\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, password.toCharArray(), new Certificate[] {certificate});
        Path file = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    @Test
    void anAccountThatRequiresSslIsRefusedWithoutTls() {
        try (Pipeline pipeline = Pipeline.start(config(parser(Mode.DISABLED, null)))) {
            Throwable failure = awaitFailure(pipeline);

            assertThat(failure.getMessage()).contains("Access denied for user '" + USER + "'",
                    "set collector.instance.source.ssl.mode");
        }
    }

    @Test
    void preferredConnectsWithoutTlsToAServerThatHasNone() {
        try (TestMariaDb plain = TestMariaDb.builder().build().start()) {
            MasterStatus status = plain.masterStatus();
            ParserConfig base = Pipeline.parserConfig(plain, "plain", StartConfig.at(status.file(), status.position()));
            ParserConfig parser = base.toBuilder().destination("plain").gtidMode(false)
                    .tls(new SourceTls(Mode.PREFERRED, null, null, null, false))
                    .conversionQueueBytes(ParserConfig.DEFAULT_CONVERSION_QUEUE_BYTES)
                    .failover(ParserConfig.Failover.NONE).build();
            try (SourceDatabase sql = SourceConnections.database(parser)) {
                assertThat(sql.variable("have_ssl")).contains("DISABLED");
            }
            plain.execute("CREATE DATABASE p", "CREATE TABLE p.t (id INT PRIMARY KEY)");
            try (Pipeline pipeline = Pipeline.start(config(parser))) {
                plain.execute("INSERT INTO p.t VALUES (1), (2)");
                assertThat(Pipeline.rowCount(pipeline.takeRows(2, WAIT))).isEqualTo(2);
            }
        }
    }

    private static Throwable awaitFailure(Pipeline pipeline) {
        Await.until("the parser fails", WAIT, () -> pipeline.destination().parser().failure() != null);
        return pipeline.destination().parser().failure();
    }

    private static ParserConfig parser(Mode mode, Path ca) {
        String name = "tls" + NAMES.incrementAndGet();
        MasterStatus status = db.masterStatus();
        ParserConfig base = Pipeline.parserConfig(db, name, StartConfig.at(status.file(), status.position()));
        return base.toBuilder().destination(name).user(USER, PASSWORD).gtidMode(false)
                .tls(new SourceTls(mode, ca, null, null, false))
                .conversionQueueBytes(ParserConfig.DEFAULT_CONVERSION_QUEUE_BYTES)
                .failover(ParserConfig.Failover.NONE).build();
    }

    private static ParserConfig withUser(ParserConfig p, String user, SourceTls tls) {
        return p.toBuilder().user(user, p.password()).tls(tls).build();
    }

    private static ParserConfig withHost(ParserConfig p, String host) {
        return p.toBuilder().source(host, p.port()).build();
    }

    private static InstanceConfig config(ParserConfig parser) {
        return new InstanceConfig(parser.destination(), parser, SinkFilters.none(), StoreConfig.defaults());
    }
}
