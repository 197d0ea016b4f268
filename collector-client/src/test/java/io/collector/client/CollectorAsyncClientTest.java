package io.collector.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.testing.Conditions;
import io.collector.client.testing.ScriptedServer;
import io.collector.client.testing.ServerPackets;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.PacketProtocol.PacketType;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The asynchronous core: pipelining, threads, a shared event loop group. */
class CollectorAsyncClientTest extends ClientFixture {

    @Test
    void pipelinedGetsAreOutstandingTogetherAndAnsweredInOrder() {
        List<ScriptedServer.Exchange> held = new ArrayList<>();
        server.on(PacketType.GET, exchange -> {
            held.add(exchange);
            if (held.size() == 3) {
                for (int id = 1; id <= 3; id++) {
                    held.get(id - 1).reply(ServerPackets.messages(id, List.of(TestEntries.insert(id, "1", "x"))));
                }
            }
        });
        CollectorAsyncClient client = subscribed().async();
        List<CompletableFuture<Message>> gets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            gets.add(client.getWithoutAck(10));
        }
        assertThat(gets).extracting(get -> get.join().batchId()).containsExactly(1L, 2L, 3L);
        gets.forEach(get -> client.ack(get.join().batchId()).join());
        server.awaitReceived(PacketType.CLIENTACK, 3);
    }

    @Test
    void futuresCompleteOnTheNamedIoThread() {
        List<ScriptedServer.Exchange> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.on(PacketType.GET, held::add);
        CollectorAsyncClient client = subscribed().async();
        CompletableFuture<String> thread = client.getWithoutAck(1)
                .thenApply(message -> Thread.currentThread().getName());
        Conditions.await("the get held by the server", () -> !held.isEmpty());
        held.get(0).reply(ServerPackets.empty());
        assertThat(thread.join()).isEqualTo("collector-client-example-io-1");
    }

    @Test
    void aRefusalFailsTheNextRequestEvenWhenItIsAlreadyOutstanding() {
        server.once(PacketType.CLIENTACK, exchange -> exchange.reply(ServerPackets.errorAck(400, "unknown batch 9")));
        CollectorAsyncClient client = subscribed().async();
        client.ack(9);
        CompletableFuture<Message> poisoned = client.getWithoutAck(1);
        CompletableFuture<Message> fine = client.getWithoutAck(1);
        assertThat(poisoned).failsWithin(java.time.Duration.ofSeconds(5)).withThrowableOfType(
                java.util.concurrent.ExecutionException.class).withCauseInstanceOf(CollectorServerException.class);
        assertThat(fine.join().isEmpty()).isTrue();
        assertThat(listened).hasSize(1);
    }

    @Test
    void aSharedEventLoopGroupIsUsedAndLeftRunning() {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try {
            CollectorAsyncClient client = new CollectorAsyncClient(config().eventLoopGroup(group).build());
            client.connect().join();
            assertThat(client.getWithoutAck(1).join().isEmpty()).isTrue();
            client.close();
            assertThat(group.isShuttingDown()).isFalse();
            assertThat(client.connect()).isCompletedExceptionally();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void closeFromTheIoThreadDoesNotDeadlock() {
        CollectorAsyncClient client = subscribed().async();
        client.getWithoutAck(1).thenRun(client::close).join();
        CompletableFuture<Message> after = client.getWithoutAck(1);
        assertThat(after).isCompletedExceptionally();
        try {
            after.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).hasMessageContaining("the client is closed");
        }
    }
}
