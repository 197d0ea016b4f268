package io.collector.demo;

import io.collector.server.CollectorServer;
import io.collector.server.config.ConfigLoader;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The quick start: an embedded MariaDB (binlog on) holding a small shop schema with a trickle of writes, and
 * the collector server reading it as destination {@code example}, with file cursors and clients on port 11111
 * (override with {@code -Dport=N}). Everything lives under {@code target/quickstart}, fresh on every run.
 * Stop with Ctrl-C.
 */
public final class Quickstart {

    private static final Logger LOG = LoggerFactory.getLogger(Quickstart.class);
    /** Canal's default destination name, which the sample consumer also uses by default. */
    private static final String DESTINATION = "example";

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int port = Integer.getInteger("port", 11111);
        Path home = Path.of("target", "quickstart").toAbsolutePath();
        deleteTree(home);
        TestMariaDb db = TestMariaDb.builder().build().start();
        ShopWriter writer = new ShopWriter(db);
        writer.createSchema();
        Path conf = writeConf(home, port, db, db.masterStatus());
        CollectorServer server = new CollectorServer(conf, ConfigLoader.fromSystem(), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            writer.stop();
            server.stop();
            db.close();
            stopped.countDown();
        }, "quickstart-shutdown"));
        server.start();
        writer.start();
        LOG.info("Quick start running: MariaDB on 127.0.0.1:{}, collector on port {}, destination '{}'."
                + " In another terminal: bin/sample-consumer.sh --port={} --destination={}", db.port(), port,
                DESTINATION, port, DESTINATION);
        stopped.await();
    }

    private static Path writeConf(Path home, int port, TestMariaDb db, MasterStatus start) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf.resolve(DESTINATION));
        Files.write(conf.resolve("collector.properties"), List.of(
                "# written by the quick start; see conf/collector.properties for every key",
                "collector.port = " + port,
                "collector.meta.mode = file",
                "collector.meta.dir = " + home.resolve("data")));
        Files.write(conf.resolve(DESTINATION).resolve("instance.properties"), List.of(
                "collector.instance.source.address = 127.0.0.1:" + db.port(),
                "collector.instance.source.user = " + db.replicationUser(),
                "collector.instance.source.password = " + db.replicationPassword(),
                "collector.instance.start.journal = " + start.file(),
                "collector.instance.start.position = " + start.position(),
                "collector.instance.filter.include = shop\\\\..*"));
        return conf;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
