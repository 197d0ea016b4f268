package io.collector.client;

import static io.collector.client.testing.ServerPackets.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.client.testing.Conditions;
import io.collector.client.testing.ServerPackets;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.PacketProtocol.ClientRollback;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.protocol.PacketProtocol.Sub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Connection loss: reconnect, subscribe again, roll back, stale batches, giving up. */
class ReconnectTest extends ClientFixture {

    private CollectorClient subscribedWith(String filter) {
        CollectorClient client = client();
        client.connect();
        client.subscribe(filter);
        return client;
    }

    @Test
    void reconnectAuthenticatesSubscribesWithTheLastFilterAndRollsBack() {
        CollectorClient client = subscribedWith("shop\\..*");
        server.dropConnections();
        server.awaitTypes(2, PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION, PacketType.CLIENTROLLBACK);
        Conditions.await("reconnected", client::isConnected);
        assertThat(body(server.received(2, PacketType.SUBSCRIPTION).get(0), Sub::parseFrom).getFilter())
                .isEqualTo("shop\\..*");
        assertThat(body(server.received(2, PacketType.CLIENTROLLBACK).get(0), ClientRollback::parseFrom).getBatchId())
                .isZero();
        assertThat(listened).singleElement().isInstanceOfSatisfying(ConnectionLostException.class,
                e -> assertThat(e.isRetriable()).isTrue());
        assertThat(client.getWithoutAck(1).isEmpty()).isTrue();
    }

    @Test
    void aBatchFromBeforeTheReconnectCannotBeAcked() {
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(7,
                List.of(TestEntries.insert(1, "1", "a")))));
        CollectorClient client = subscribedWith("");
        long batchId = client.getWithoutAck(10).batchId();
        server.dropConnections();
        Conditions.await("connection loss reported", () -> !listened.isEmpty());
        assertThatThrownBy(() -> client.ack(batchId)).isInstanceOfSatisfying(StaleBatchException.class,
                e -> assertThat(e.batchId()).isEqualTo(7)).hasMessageContaining("reconnect");
        Conditions.await("reconnected", client::isConnected);
        client.rollback(batchId);
        client.getWithoutAck(1);
        assertThat(server.received(PacketType.CLIENTACK)).isEmpty();
        assertThat(server.received(2, PacketType.CLIENTROLLBACK)).hasSize(1);
    }

    @Test
    void anOutstandingGetFailsRetriablyAndTheNextOneIsServedAfterTheReconnect() {
        server.once(PacketType.GET, exchange -> exchange.close());
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(8,
                List.of(TestEntries.insert(1, "1", "a")))));
        CollectorClient client = subscribedWith("");
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOfSatisfying(ConnectionLostException.class,
                e -> assertThat(e.isRetriable()).isTrue());
        assertThat(client.getWithoutAck(1).batchId()).isEqualTo(8);
        assertThat(server.received(2, PacketType.GET)).hasSize(1);
    }

    @Test
    void requestsSubmittedWhileReconnectingWaitAndKeepTheirOrder() {
        CollectorClient client = client(config().reconnectPolicy(3, Duration.ofMillis(300), Duration.ofMillis(300)));
        client.connect();
        client.subscribe();
        server.dropConnections();
        Conditions.await("connection loss noticed", () -> !client.isConnected());
        CompletableFuture<Message> first = client.async().getWithoutAck(1);
        CompletableFuture<Void> ack = client.async().ack(5);
        CompletableFuture<Message> second = client.async().getWithoutAck(2);
        assertThat(second.join().isEmpty()).isTrue();
        assertThat(first).isCompleted();
        assertThat(ack).isCompleted();
        assertThat(server.types(2)).containsExactly(PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION,
                PacketType.CLIENTROLLBACK, PacketType.GET, PacketType.CLIENTACK, PacketType.GET);
    }

    @Test
    void aRequestWaitingForTheReconnectTimesOut() {
        CollectorClient client = client(config().requestTimeout(Duration.ofMillis(200))
                .reconnectPolicy(2, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        client.connect();
        server.dropConnections();
        Conditions.await("connection loss noticed", () -> !client.isConnected());
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("no connection to send it on");
    }

    @Test
    void aReplyThatNeverComesTimesOutAndResetsTheConnection() {
        server.once(PacketType.GET, exchange -> { });
        CollectorClient client = client(config().requestTimeout(Duration.ofMillis(200)));
        client.connect();
        client.subscribe();
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOfSatisfying(RequestTimeoutException.class,
                e -> assertThat(e.isRetriable()).isTrue()).hasMessageContaining("within 200 ms from 127.0.0.1:" + server.port());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        server.awaitTypes(2, PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION, PacketType.CLIENTROLLBACK);
        assertThat(client.getWithoutAck(1).isEmpty()).isTrue();
    }

    @Test
    void givingUpIsReportedAndLaterCallsFailUntilConnectAgain() {
        CollectorClient client = subscribedWith("shop\\..*");
        server.stopListening();
        server.dropConnections();
        Conditions.await("reconnecting gave up", () -> listened.stream().anyMatch(e -> !e.isRetriable()));
        CollectorClientException gaveUp = listened.get(listened.size() - 1);
        assertThat(gaveUp).isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("gave up reconnecting after 3 attempts");
        assertThatThrownBy(() -> client.getWithoutAck(1)).isSameAs(gaveUp);
        server.listenAgain();
        client.connect();
        server.awaitTypes(2, PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION, PacketType.CLIENTROLLBACK);
        assertThat(body(server.received(2, PacketType.SUBSCRIPTION).get(0), Sub::parseFrom).getFilter())
                .isEqualTo("shop\\..*");
        assertThat(client.getWithoutAck(1).isEmpty()).isTrue();
    }

    @Test
    void withReconnectDisabledTheLossIsFinal() {
        CollectorClient client = client(config().reconnectPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)));
        client.connect();
        server.dropConnections();
        Conditions.await("gave up", () -> listened.size() == 2);
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOfSatisfying(ConnectionLostException.class,
                e -> assertThat(e.isRetriable()).isFalse()).hasMessageContaining("reconnecting is disabled");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void afterUnsubscribeAReconnectDoesNotSubscribe() {
        CollectorClient client = subscribedWith("");
        client.unsubscribe();
        server.dropConnections();
        server.awaitConnections(2);
        Conditions.await("reconnected", client::isConnected);
        client.getWithoutAck(1);
        assertThat(server.types(2)).containsExactly(PacketType.CLIENTAUTHENTICATION, PacketType.GET);
    }

    @Test
    void disconnectStopsReconnecting() {
        CollectorClient client = client(config().reconnectPolicy(3, Duration.ofMillis(200), Duration.ofMillis(200)));
        client.connect();
        server.dropConnections();
        Conditions.await("connection loss noticed", () -> !client.isConnected());
        client.disconnect();
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOfSatisfying(ConnectionLostException.class,
                e -> assertThat(e.isRetriable()).isFalse());
        Conditions.holdsFor("no reconnect after disconnect", Duration.ofMillis(500), () -> server.connections() == 1);
    }
}
