package io.collector.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import io.collector.protocol.Scramble411;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process with known secrets (client password, source password, a wrong source password, a
 * source TLS key store password, ZooKeeper ACL credentials), DEBUG logging, a client that logs in and streams
 * rows and one that fails to log in: no line of the server's log or console output contains any of the secrets.
 */
class SecretsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CLIENT_PASSWORD = "ClientPw-7c1f9a";
    private static final String WRONG_CLIENT_PASSWORD = "WrongClientPw-22bb";
    private static final String SOURCE_PASSWORD = "SrcPw-5e2d71";
    private static final String WRONG_SOURCE_PASSWORD = "WrongSrcPw-11aa3";
    private static final String ZK_PASSWORD = "ZkPw-93ab0c";
    private static final String KEY_STORE_PASSWORD = "KeyStorePw-5d1e7";

    @Test
    void noSecretReachesTheLogs(@TempDir Path home) throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start();
             TestingServer zk = new TestingServer(true)) {
            db.execute("CREATE USER 'sec'@'%' IDENTIFIED BY '" + SOURCE_PASSWORD + "'");
            db.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'sec'@'%'");
            db.execute("CREATE DATABASE shop");
            db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40))");
            Daemon daemon = daemon(home, db, zk.getConnectString());
            assertThat(daemon.start().status()).isZero();
            try {
                db.executeIn("shop", "INSERT INTO orders VALUES (1, 'a'), (2, 'b'), (3, 'c')");
                assertThat(rows(daemon)).isEqualTo(3);
                refused(daemon);
                Await.until("the bad destination has failed to connect", WAIT,
                        () -> daemon.log().contains("[destination=bad]"));
            } finally {
                assertThat(daemon.stop().status()).isZero();
            }
            assertNoSecretIn(home.resolve("logs"));
        }
    }

    private static Daemon daemon(Path home, TestMariaDb db, String zkConnect) {
        Path conf = home.resolve("conf");
        int port = Daemon.freePort();
        Daemon.write(conf.resolve("collector.properties"), "collector.port = " + port, "collector.admin.port = " + Daemon.freePort(),
                "collector.metrics.port = " + Daemon.freePort(),
                "collector.user = reader", "collector.password = " + CLIENT_PASSWORD,
                "collector.zk.servers = " + zkConnect, "collector.zk.auth = zkuser:" + ZK_PASSWORD,
                "collector.supervise.policy = fixed", "collector.supervise.delay = 200ms",
                "collector.supervise.max.attempts = 1000", "collector.net.auth.failure.delay = 100ms");
        Daemon.write(conf.resolve("jvm.options"), "-Xms64m", "-Xmx256m");
        Daemon.write(conf.resolve("logback.xml"), "<configuration>",
                "<appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">",
                "<file>${collector.home}/logs/collector.log</file>",
                "<encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n</pattern></encoder>",
                "</appender>", "<logger name=\"io.collector\" level=\"DEBUG\"/>",
                "<root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>", "</configuration>");
        var status = db.masterStatus();
        Daemon.write(conf.resolve("good/instance.properties"),
                "collector.instance.source.address = 127.0.0.1:" + db.port(), "collector.instance.source.user = sec",
                "collector.instance.source.password = " + SOURCE_PASSWORD,
                "collector.instance.start.journal = " + status.file(),
                "collector.instance.start.position = " + status.position());
        Daemon.write(conf.resolve("bad/instance.properties"),
                "collector.instance.source.address = 127.0.0.1:" + db.port(), "collector.instance.source.user = sec",
                "collector.instance.source.password = " + WRONG_SOURCE_PASSWORD,
                "collector.instance.source.ssl.mode = preferred",
                "collector.instance.source.ssl.key.store = " + emptyKeyStore(conf.resolve("bad/client.p12")),
                "collector.instance.source.ssl.key.store.password = " + KEY_STORE_PASSWORD);
        Daemon.write(conf.resolve("port"), Integer.toString(port));
        return new Daemon(conf);
    }

    /** A PKCS12 key store without entries, protected by {@link #KEY_STORE_PASSWORD}. */
    private static Path emptyKeyStore(Path file) {
        try (OutputStream out = Files.newOutputStream(Files.createDirectories(file.getParent()).resolve(
                file.getFileName()))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.store(out, KEY_STORE_PASSWORD.toCharArray());
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int port(Daemon daemon) throws IOException {
        return Integer.parseInt(Files.readString(daemon.conf().resolve("port")).trim());
    }

    /** Rows of shop.orders a logged-in Canal client receives. */
    private static int rows(Daemon daemon) throws Exception {
        int port = port(daemon);
        CanalConnector[] holder = new CanalConnector[1];
        Await.until("destination good accepts the client", WAIT, () -> {
            CanalConnector c = CanalConnectors.newSingleConnector(new InetSocketAddress("127.0.0.1", port), "good",
                    "reader", CLIENT_PASSWORD);
            try {
                c.connect();
                c.subscribe("shop\\..*");
                holder[0] = c;
                return true;
            } catch (RuntimeException e) {
                c.disconnect();
                return false;
            }
        });
        int rows = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (rows < 3 && System.nanoTime() < deadline) {
            Message m = holder[0].getWithoutAck(100, 200L, TimeUnit.MILLISECONDS);
            for (CanalEntry.Entry e : m.getEntries()) {
                if (e.getEntryType() == CanalEntry.EntryType.ROWDATA) {
                    rows += CanalEntry.RowChange.parseFrom(e.getStoreValue()).getRowDatasCount();
                }
            }
            if (m.getId() > 0) {
                holder[0].ack(m.getId());
            }
        }
        holder[0].disconnect();
        return rows;
    }

    private static void refused(Daemon daemon) throws IOException {
        CanalConnector wrong = CanalConnectors.newSingleConnector(
                new InetSocketAddress("127.0.0.1", port(daemon)), "good", "reader", WRONG_CLIENT_PASSWORD);
        assertThatThrownBy(wrong::connect).hasMessageContaining("auth failed");
        wrong.disconnect();
    }

    private static void assertNoSecretIn(Path logs) throws IOException {
        Map<String, String> secrets = Map.of("client password", CLIENT_PASSWORD, "wrong client password",
                WRONG_CLIENT_PASSWORD, "client password hash", Scramble411.passwordHash(CLIENT_PASSWORD),
                "source password", SOURCE_PASSWORD, "wrong source password", WRONG_SOURCE_PASSWORD,
                "ZooKeeper password", ZK_PASSWORD, "source TLS key store password", KEY_STORE_PASSWORD);
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        assertThat(lines).as("log lines").hasSizeGreaterThan(20);
        assertThat(String.join("\n", lines)).contains("Authentication of user \"reader\" failed", "[destination=bad]");
        secrets.forEach((what, secret) -> assertThat(lines).as(what)
                .noneMatch(line -> line.toLowerCase().contains(secret.toLowerCase())));
        System.out.printf("secrets: %d log lines scanned for %d secrets, none found%n", lines.size(), secrets.size());
    }
}
