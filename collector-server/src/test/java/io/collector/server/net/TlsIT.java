package io.collector.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientBuilder;
import io.collector.client.CollectorClientConfig;
import io.collector.client.CollectorClientException;
import io.collector.client.Message;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.TestEvents;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.net.handler.NetConfig;
import io.collector.server.net.handler.NetLimits;
import io.collector.server.net.handler.NetTls;
import io.collector.server.service.DestinationHandle;
import io.collector.server.service.LocalCollectorService;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TLS on the client port with our SDK: a client trusting the server's CA streams; one trusting another CA, a
 * plain Canal client, and (with client certificates required) a client without one are refused.
 */
class TlsIT {

    private record Handle(MemoryEventStore store, MemoryMetaManager meta) implements DestinationHandle {
    }

    private final MemoryMetaManager meta = new MemoryMetaManager();
    private final MemoryEventStore store = new MemoryEventStore("main", new StoreConfig(1000, 1 << 20, false));
    private final LocalCollectorService service =
            new LocalCollectorService(name -> Optional.ofNullable(Map.of("main", new Handle(store, meta)).get(name)));
    private final List<CollectorClient> clients = new ArrayList<>();
    private CollectorTcpServer server;

    @BeforeEach
    void start() throws InterruptedException {
        meta.start();
        store.start();
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            events.add(TestEvents.begin(i));
        }
        store.put(events);
    }

    @AfterEach
    void stop() {
        clients.forEach(CollectorClient::close);
        if (server != null) {
            server.stop();
        }
        store.stop();
        meta.stop();
    }

    private void startServer(NetTls tls) {
        NetLimits limits = new NetLimits(64 * 1024, Duration.ofSeconds(2), 100, 100, 1 << 20, Duration.ZERO);
        server = new CollectorTcpServer(new NetConfig("127.0.0.1", 0, 1 << 20, Duration.ofMinutes(5), "", "", limits,
                tls), service, Clock.systemUTC());
        server.start();
    }

    private static Path file(String name) throws URISyntaxException {
        return Path.of(TlsIT.class.getResource("/tls/" + name).toURI());
    }

    private static NetTls serverTls() throws URISyntaxException {
        return NetTls.server(file("server.pem"), file("server.key"));
    }

    private CollectorClient client(CollectorClientBuilder builder) {
        CollectorClient client = new CollectorClient(builder.address("localhost", server.port()).destination("main")
                .reconnectPolicy(0, Duration.ofMillis(100), Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(20)).build());
        clients.add(client);
        return client;
    }

    private static int entries(CollectorClient client) {
        client.connect();
        client.subscribe("");
        Message message = client.getWithoutAck(10, Duration.ofSeconds(5));
        client.ack(message.batchId());
        return message.entries().size();
    }

    @Test
    void aClientTrustingTheServersCaStreams() throws Exception {
        startServer(serverTls());
        assertThat(entries(client(CollectorClientConfig.builder().tlsTrustedCertificates(file("ca.pem")))))
                .isEqualTo(10);
    }

    @Test
    void aClientTrustingAnotherCaIsRefused() throws Exception {
        startServer(serverTls());
        CollectorClient wrong = client(CollectorClientConfig.builder().tlsTrustedCertificates(file("other-ca.pem")));
        assertThatThrownBy(wrong::connect).isInstanceOf(CollectorClientException.class)
                .hasStackTraceContaining("PKIX path building failed");
        assertThat(entries(client(CollectorClientConfig.builder().tlsTrustedCertificates(file("ca.pem")))))
                .isEqualTo(10);
    }

    @Test
    void aPlainCanalClientCannotTalkToATlsPort() throws Exception {
        startServer(serverTls());
        CanalConnector canal = CanalConnectors.newSingleConnector(new InetSocketAddress("127.0.0.1", server.port()),
                "main", "", "");
        assertThatThrownBy(canal::connect).isInstanceOf(RuntimeException.class);
        canal.disconnect();
    }

    @Test
    void requiredClientCertificatesAreChecked() throws Exception {
        startServer(serverTls().withClientCa(file("ca.pem"), true));
        CollectorClient anonymous = client(CollectorClientConfig.builder().tlsTrustedCertificates(file("ca.pem")));
        assertThatThrownBy(anonymous::connect).isInstanceOf(CollectorClientException.class);
        CollectorClient known = client(CollectorClientConfig.builder().tlsTrustedCertificates(file("ca.pem"))
                .tlsClientCertificate(file("client.pem"), file("client.key")));
        assertThat(entries(known)).isEqualTo(10);
    }
}
