package io.collector.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.collector.server.error.ConfigException;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.lifecycle.NamedThreadFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} in the Prometheus text format on its own port, from one thread. Anything else gets
 * 404 (unknown path) or 405 (another method). Before each scrape it runs {@code beforeScrape} (the destination
 * meters' refresh).
 */
public final class MetricsEndpoint extends AbstractLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String host;
    private final int port;
    private final CollectorMetrics metrics;
    private final Runnable beforeScrape;
    private HttpServer server;
    private ExecutorService executor;

    /** @param port the port to listen on, 0 for any free one */
    public MetricsEndpoint(String host, int port, CollectorMetrics metrics, Runnable beforeScrape) {
        this.host = host;
        this.port = port;
        this.metrics = metrics;
        this.beforeScrape = beforeScrape;
    }

    /** The port listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    protected void doStart() {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new ConfigException("cannot listen for metrics on " + host + ":" + port + " (collector.metrics.port):"
                    + " " + e.getMessage());
        }
        executor = Executors.newSingleThreadExecutor(new NamedThreadFactory("collector-metrics", false));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("metrics at http://{}:{}/metrics", host, port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
            } else {
                beforeScrape.run();
                byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    protected void doStop() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
