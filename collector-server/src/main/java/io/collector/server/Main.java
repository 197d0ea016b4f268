package io.collector.server;

import io.collector.server.config.ConfigLoader;
import io.collector.server.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the collector: {@code Main [--conf DIR]}. The folder defaults to {@code $collector.home/conf}, else
 * {@code ./conf}. A configuration error prints its message and exits with status 2; SIGTERM (or Ctrl-C) stops
 * the server gracefully.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // the binlog connector and ZooKeeper log through java.util.logging: route it to logback
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Path conf;
        CollectorServer server;
        try {
            conf = confDir(args);
            server = new CollectorServer(conf, ConfigLoader.fromSystem(), Clock.systemUTC());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("collector: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "collector-shutdown"));
        try {
            server.start();
        } catch (RuntimeException e) {
            LOG.error("collector failed to start: {}", e.getMessage(), e);
            System.err.println("collector: failed to start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    static Path confDir(String[] args) {
        if (args.length == 2 && args[0].equals("--conf")) {
            return Path.of(args[1]);
        }
        if (args.length != 0) {
            throw new IllegalArgumentException("unknown arguments " + String.join(" ", args) + "; usage: Main [--conf DIR]");
        }
        String home = System.getProperty("collector.home");
        Path byHome = home == null ? null : Path.of(home, "conf");
        return byHome != null && Files.isDirectory(byHome) ? byHome : Path.of("conf");
    }
}
