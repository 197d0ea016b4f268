package io.collector.server.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.collector.server.config.AdminConfig;
import io.collector.server.error.CollectorException;
import io.collector.server.error.ConfigException;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.lifecycle.NamedThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP/JSON endpoint on {@code collector.admin.host:collector.admin.port}: {@code /api/...} (see
 * {@link AdminRoutes}; authenticated), {@code /health} and {@code /ready} (unauthenticated, for probes) and the
 * status page at {@code /}. Requests run on two named threads; errors are JSON {@code {"error":"..."}} with a
 * 4xx/5xx status. Credentials are never logged.
 */
public final class AdminEndpoint extends AbstractLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final String JSON = "application/json; charset=utf-8";

    private final AdminConfig config;
    private final AdminAuth auth;
    private final AdminRoutes routes;
    private final Supplier<Map<String, Object>> readiness;
    private final ObjectMapper mapper = new ObjectMapper();
    private HttpServer server;
    private ExecutorService executor;

    /** @param readiness {@code ready} (boolean) and why, for {@code /ready} */
    public AdminEndpoint(AdminConfig config, AdminOperations ops, Supplier<Map<String, Object>> readiness) {
        this.config = config;
        this.auth = new AdminAuth(config);
        this.routes = new AdminRoutes(ops);
        this.readiness = readiness;
    }

    /** The port listened on (the bound one when configured as 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    protected void doStart() {
        try {
            server = HttpServer.create(new InetSocketAddress(config.adminHost(), config.adminPort()), 16);
        } catch (IOException e) {
            throw new ConfigException("cannot listen for the admin API on " + config.adminHost() + ":"
                    + config.adminPort() + " (collector.admin.host, collector.admin.port): " + e.getMessage());
        }
        executor = Executors.newFixedThreadPool(2, new NamedThreadFactory("collector-admin"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("admin API and status page at http://{}:{}/ ({})", config.adminHost(), port(),
                config.authRequired() ? "authentication required" : "no authentication");
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/health")) {
                send(exchange, 200, Map.of("status", "UP"));
            } else if (path.equals("/ready")) {
                Map<String, Object> ready = readiness.get();
                send(exchange, Boolean.TRUE.equals(ready.get("ready")) ? 200 : 503, ready);
            } else if (path.equals("/") || path.equals("/index.html")) {
                sendPage(exchange);
            } else if (path.startsWith("/api/")) {
                api(exchange, path.substring("/api/".length()));
            } else {
                send(exchange, 404, Map.of("error", "no such path " + path));
            }
        }
    }

    private void api(HttpExchange exchange, String rest) throws IOException {
        if (!auth.allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", auth.challenge());
            send(exchange, 401, Map.of("error", "authentication required: Authorization: Bearer <token> or Basic"
                    + " user:password (collector.admin.token, collector.admin.user)"));
            return;
        }
        try {
            List<String> segments = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
            Object answer = routes.route(exchange.getRequestMethod(), segments,
                    query(exchange.getRequestURI().getRawQuery()), body(exchange));
            send(exchange, 200, answer);
        } catch (AdminException e) {
            Map<String, Object> error = new LinkedHashMap<>(e.details());
            error.put("error", e.getMessage());
            send(exchange, e.status(), error);
        } catch (CollectorException | IllegalStateException | IllegalArgumentException e) {
            LOG.warn("admin API {} {} failed: {}", exchange.getRequestMethod(), rest, e.getMessage());
            send(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            LOG.error("admin API {} {} failed", exchange.getRequestMethod(), rest, e);
            send(exchange, 500, Map.of("error", e.toString()));
        }
    }

    private Map<String, Object> body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw AdminException.badRequest("request body over " + MAX_BODY + " bytes");
            }
            if (bytes.length == 0) {
                return Map.of();
            }
            try {
                Map<String, Object> body = mapper.readValue(bytes, new TypeReference<Map<String, Object>>() { });
                return body == null ? Map.of() : body;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw AdminException.badRequest("the request body is not a JSON object: " + e.getOriginalMessage());
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private void sendPage(HttpExchange exchange) throws IOException {
        try (InputStream page = AdminEndpoint.class.getResourceAsStream("status.html")) {
            byte[] html = page.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        }
    }

    private void send(HttpExchange exchange, int status, Object answer) throws IOException {
        byte[] json = mapper.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
