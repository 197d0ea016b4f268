package io.collector.client;

import io.collector.client.testing.ScriptedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A scripted server per test, clients with short timeouts, and the errors their listener saw. */
abstract class ClientFixture {

    protected ScriptedServer server;
    protected final List<CollectorClientException> listened = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        server.close();
    }

    protected CollectorClientBuilder config() {
        return CollectorClientConfig.builder()
                .address(server.address())
                .destination("example")
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2))
                .reconnectPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100))
                .errorListener(listened::add);
    }

    protected CollectorClient client(CollectorClientBuilder builder) {
        CollectorClient client = new CollectorClient(builder.build());
        clients.add(client);
        return client;
    }

    protected CollectorClient client() {
        return client(config());
    }

    /** A connected, subscribed client. */
    protected CollectorClient subscribed() {
        CollectorClient client = client();
        client.connect();
        client.subscribe();
        return client;
    }
}
