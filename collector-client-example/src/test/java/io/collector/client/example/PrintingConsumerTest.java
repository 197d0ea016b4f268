package io.collector.client.example;

import static io.collector.client.testing.ServerPackets.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.testing.Conditions;
import io.collector.client.testing.ScriptedServer;
import io.collector.client.testing.ServerPackets;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.PacketProtocol.ClientAck;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.protocol.PacketProtocol.Sub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrintingConsumerTest {

    private final ScriptedServer server = ScriptedServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void printsOneLinePerChangeAcksEachBatchAndStops() throws Exception {
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(5, List.of(
                TestEntries.begin(), TestEntries.insert(42, "1", "new"),
                TestEntries.ddl(43, "ALTER TABLE orders ADD note TEXT")))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintingConsumer consumer = new PrintingConsumer(new ConsumerOptions("127.0.0.1", server.port(), "example",
                "", "", "shop\\..*", 10, Duration.ofMillis(20)), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Thread thread = new Thread(consumer, "printing-consumer-under-test");
        thread.start();
        server.awaitReceived(PacketType.CLIENTACK, 1);
        consumer.stop();
        thread.join(Duration.ofSeconds(10).toMillis());
        assertThat(thread.isAlive()).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "2024-01-02T03:04:05Z shop.orders INSERT id=1 status=new gid=42",
                "2024-01-02T03:04:05Z shop.orders DDL ALTER TABLE orders ADD note TEXT gid=43");
        assertThat(body(server.received(PacketType.CLIENTACK).get(0), ClientAck::parseFrom).getBatchId()).isEqualTo(5);
        assertThat(body(server.received(PacketType.SUBSCRIPTION).get(0), Sub::parseFrom).getFilter())
                .isEqualTo("shop\\..*");
    }

    @Test
    void goesOnAfterAReconnect() throws Exception {
        server.once(PacketType.GET, exchange -> exchange.close());
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(6,
                List.of(TestEntries.insert(44, "2", "paid")))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintingConsumer consumer = new PrintingConsumer(new ConsumerOptions("127.0.0.1", server.port(), "example",
                "", "", "", 10, Duration.ofMillis(20)), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Thread thread = new Thread(consumer, "printing-consumer-under-test");
        thread.start();
        Conditions.await("the batch after the reconnect acked", () -> !server.received(2, PacketType.CLIENTACK).isEmpty());
        consumer.stop();
        thread.join(Duration.ofSeconds(10).toMillis());
        assertThat(thread.isAlive()).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("INSERT id=2 status=paid gid=44");
    }
}
