package io.collector.client;

import static io.collector.client.testing.ServerPackets.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.client.testing.Conditions;
import io.collector.client.testing.ScriptedServer;
import io.collector.client.testing.ServerPackets;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.PacketProtocol.ClientAck;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.ClientRollback;
import io.collector.protocol.PacketProtocol.Compression;
import io.collector.protocol.PacketProtocol.Get;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.protocol.PacketProtocol.Sub;
import io.collector.protocol.Scramble411;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The blocking client against a scripted server: the request flows and their failures. */
class CollectorClientTest extends ClientFixture {

    @Test
    void connectSendsUserScrambledPasswordAndNetTimeouts() {
        String stored = Scramble411.passwordHash("s3cret");
        server.on(PacketType.CLIENTAUTHENTICATION, exchange -> {
            ClientAuth auth = body(exchange.request(), ClientAuth::parseFrom);
            byte[] token = HexFormat.of().parseHex(auth.getPassword().toStringUtf8());
            boolean ok = auth.getUsername().equals("canal") && Scramble411.matches(token, ScriptedServer.SEED, stored);
            exchange.reply(ok ? ServerPackets.ack() : ServerPackets.errorAck(400, "auth failed for user:canal"));
        });
        CollectorClient client = client(config().user("canal").password("s3cret")
                .netReadTimeout(Duration.ofSeconds(90)).netWriteTimeout(Duration.ofSeconds(91)));
        client.connect();
        assertThat(client.isConnected()).isTrue();
        ClientAuth auth = body(server.received(PacketType.CLIENTAUTHENTICATION).get(0), ClientAuth::parseFrom);
        assertThat(auth.getPassword().toStringUtf8()).matches("[0-9a-f]{40}");
        assertThat(auth.getNetReadTimeout()).isEqualTo(90_000);
        assertThat(auth.getNetWriteTimeout()).isEqualTo(91_000);
    }

    @Test
    void connectWithoutCredentialsSendsEmptyOnes() {
        client().connect();
        ClientAuth auth = body(server.received(PacketType.CLIENTAUTHENTICATION).get(0), ClientAuth::parseFrom);
        assertThat(auth.getUsername()).isEmpty();
        assertThat(auth.hasPassword()).isTrue();
        assertThat(auth.getPassword().isEmpty()).isTrue();
        assertThat(auth.getNetReadTimeout()).isEqualTo(3_600_000);
        assertThat(auth.hasAckReplies()).as("not offered by the handshake, as Canal's server sends it").isFalse();
    }

    @Test
    void refusedAuthenticationFailsConnect() {
        server.on(PacketType.CLIENTAUTHENTICATION,
                exchange -> exchange.reply(ServerPackets.errorAck(400, "auth failed for user:canal")));
        CollectorClient client = client(config().user("canal").password("wrong"));
        assertThatThrownBy(client::connect).isInstanceOfSatisfying(CollectorServerException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(400);
            assertThat(e.serverMessage()).isEqualTo("auth failed for user:canal");
            assertThat(e.getMessage()).contains("authentication of user 'canal'");
        });
        assertThat(client.isConnected()).isFalse();
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOfSatisfying(ConnectionLostException.class,
                e -> assertThat(e.isRetriable()).isFalse()).hasMessageContaining("call connect()");
    }

    @Test
    void unreachableServerFailsConnect() {
        int port = server.port();
        server.close();
        CollectorClient client = client(config().address("127.0.0.1", port));
        assertThatThrownBy(client::connect).isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("cannot connect to");
    }

    @Test
    void handshakeOfAnotherVersionIsRefused() {
        server.handshake(ServerPackets.handshake(new byte[8]).toBuilder().setVersion(2).build());
        assertThatThrownBy(client()::connect).isInstanceOf(CollectorProtocolException.class)
                .hasMessageContaining("unsupported protocol version 2");
    }

    @Test
    void silentServerTimesTheHandshakeOut() {
        server.handshake(null);
        CollectorClient client = client(config().requestTimeout(Duration.ofMillis(200)));
        assertThatThrownBy(client::connect).isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("no reply to the handshake within 200 ms");
    }

    @Test
    void subscribeSendsTheIdentityAndFilterThenRollsBackOnce() {
        CollectorClient client = client(config().clientId("2002"));
        client.connect();
        client.subscribe("shop\\..*");
        client.subscribe("shop\\.orders");
        server.awaitReceived(PacketType.SUBSCRIPTION, 2);
        Sub sub = body(server.received(PacketType.SUBSCRIPTION).get(0), Sub::parseFrom);
        assertThat(sub.getDestination()).isEqualTo("example");
        assertThat(sub.getClientId()).isEqualTo("2002");
        assertThat(sub.getFilter()).isEqualTo("shop\\..*");
        client.getWithoutAck(1);
        assertThat(server.types(1)).containsExactly(PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION,
                PacketType.CLIENTROLLBACK, PacketType.SUBSCRIPTION, PacketType.GET);
        ClientRollback rollback = body(server.received(PacketType.CLIENTROLLBACK).get(0), ClientRollback::parseFrom);
        assertThat(rollback.getBatchId()).isZero();
        assertThat(rollback.getClientId()).isEqualTo("2002");
    }

    @Test
    void subscribeToAnUnknownDestinationFails() {
        server.on(PacketType.SUBSCRIPTION,
                exchange -> exchange.reply(ServerPackets.errorAck(401, "destination:nope should start first")));
        CollectorClient client = client();
        client.connect();
        assertThatThrownBy(() -> client.subscribe()).isInstanceOfSatisfying(CollectorServerException.class,
                e -> assertThat(e.errorCode()).isEqualTo(401)).hasMessageContaining("subscription of destination");
    }

    @Test
    void getWithoutAckReturnsTheBatchAndSendsCanalFields() {
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(7,
                List.of(TestEntries.begin(), TestEntries.insert(11, "1", "new")))));
        CollectorClient client = subscribed();
        Message message = client.getWithoutAck(100);
        assertThat(message.batchId()).isEqualTo(7);
        assertThat(message.entries()).hasSize(2);
        assertThat(message.rows()).singleElement().satisfies(row -> assertThat(row.globalId()).hasValue(11));
        Get get = body(server.received(PacketType.GET).get(0), Get::parseFrom);
        assertThat(get.getDestination()).isEqualTo("example");
        assertThat(get.getClientId()).isEqualTo("1001");
        assertThat(get.getFetchSize()).isEqualTo(100);
        assertThat(get.getTimeout()).isEqualTo(-1);
        assertThat(get.getUnit()).isEqualTo(2);
        assertThat(get.getAutoAck()).isFalse();
        Message empty = client.getWithoutAck(5, Duration.ofMillis(250));
        assertThat(empty.batchId()).isEqualTo(Message.EMPTY_BATCH_ID);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(body(server.received(PacketType.GET).get(1), Get::parseFrom).getTimeout()).isEqualTo(250);
    }

    @Test
    void getWaitsForTheServerBeyondTheRequestTimeout() {
        server.on(PacketType.GET, exchange -> exchange.channel().eventLoop().schedule(
                () -> exchange.reply(ServerPackets.empty()), 400, java.util.concurrent.TimeUnit.MILLISECONDS));
        CollectorClient client = client(config().requestTimeout(Duration.ofMillis(300)));
        client.connect();
        assertThat(client.getWithoutAck(1, Duration.ofMillis(300)).isEmpty()).isTrue();
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void getAcknowledgesWhatItTook() {
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(3,
                List.of(TestEntries.insert(1, "1", "a")))));
        CollectorClient client = subscribed();
        assertThat(client.get(10).batchId()).isEqualTo(3);
        assertThat(client.get(10).isEmpty()).isTrue();
        server.awaitReceived(PacketType.CLIENTACK, 1);
        Conditions.await("the second get", () -> server.received(PacketType.GET).size() == 2);
        assertThat(server.received(PacketType.CLIENTACK)).hasSize(1);
        ClientAck ack = body(server.received(PacketType.CLIENTACK).get(0), ClientAck::parseFrom);
        assertThat(ack.getBatchId()).isEqualTo(3);
        assertThat(ack.getDestination()).isEqualTo("example");
    }

    @Test
    void refusedAckFailsTheNextCallAndTellsTheListener() {
        server.once(PacketType.CLIENTACK, exchange ->
                exchange.reply(ServerPackets.errorAck(400, "batchId:5 is not the firstly:4")));
        CollectorClient client = subscribed();
        client.ack(5);
        Conditions.await("the refusal reported", () -> !listened.isEmpty());
        assertThat(listened.get(0)).isInstanceOf(CollectorServerException.class).hasMessageContaining("ack of batch 5");
        int getsBefore = server.received(PacketType.GET).size();
        assertThatThrownBy(() -> client.getWithoutAck(10)).isInstanceOfSatisfying(CollectorServerException.class,
                e -> assertThat(e.errorCode()).isEqualTo(400))
                .hasMessageContaining("ack of batch 5").hasMessageContaining("batchId:5 is not the firstly:4");
        assertThat(server.received(PacketType.GET)).hasSize(getsBefore);
        assertThat(client.getWithoutAck(10).isEmpty()).isTrue();
    }

    @Test
    void ackAndGetOnTheWireTogetherStayAligned() {
        server.once(PacketType.CLIENTACK, exchange -> exchange.reply(ServerPackets.errorAck(400, "unknown batch 5")));
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(6,
                List.of(TestEntries.insert(1, "1", "a")))));
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(7,
                List.of(TestEntries.insert(2, "2", "b")))));
        CollectorClient client = subscribed();
        client.ack(5);
        assertThatThrownBy(() -> client.getWithoutAck(10)).isInstanceOf(CollectorServerException.class)
                .hasMessageContaining("ack of batch 5").hasMessageContaining("rollback()");
        long next = client.getWithoutAck(10).batchId();
        // The failed get was sent only if the refusal arrived after it; either way the next reply is matched right.
        assertThat(next).isEqualTo(server.received(PacketType.GET).size() == 2 ? 7 : 6);
    }

    @Test
    void rollbackAfterARefusedAckRecovers() {
        server.once(PacketType.CLIENTACK, exchange -> exchange.reply(ServerPackets.errorAck(400, "unknown batch 5")));
        CollectorClient client = subscribed();
        client.ack(5);
        Conditions.await("the refusal reported", () -> !listened.isEmpty());
        client.rollback();
        assertThat(client.getWithoutAck(10).isEmpty()).isTrue();
    }

    @Test
    void ackAndRollbackOfTheEmptyBatchSendNothing() {
        CollectorClient client = subscribed();
        client.ack(Message.EMPTY_BATCH_ID);
        client.rollback(Message.EMPTY_BATCH_ID);
        client.getWithoutAck(1);
        assertThat(server.received(PacketType.CLIENTACK)).isEmpty();
        assertThat(server.received(PacketType.CLIENTROLLBACK)).hasSize(1);
        assertThatThrownBy(() -> client.ack(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getWithoutAck(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getWithoutAck(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getWithoutAck(1, Duration.ofDays(25)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 ms and 2147483647 ms");
    }

    @Test
    void compressedBatchIsAProtocolError() {
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.empty().toBuilder()
                .setCompression(Compression.GZIP).build()));
        CollectorClient client = subscribed();
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOf(CollectorProtocolException.class)
                .hasMessageContaining("compressed with GZIP");
        server.awaitConnections(2);
        Conditions.await("reconnected", client::isConnected);
    }

    @Test
    void oversizedFrameClosesTheConnection() {
        server.once(PacketType.GET, exchange -> exchange.reply(Packet.newBuilder().setType(PacketType.MESSAGES)
                .setBody(com.google.protobuf.ByteString.copyFrom(new byte[4096])).build()));
        CollectorClient client = client(config().maxFrameLength(1024));
        client.connect();
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOf(ConnectionLostException.class)
                .hasRootCauseInstanceOf(io.netty.handler.codec.TooLongFrameException.class)
                .hasStackTraceContaining("raise CollectorClientBuilder.maxFrameLength");
    }

    @Test
    void unsubscribeAndDisconnect() {
        CollectorClient client = subscribed();
        client.unsubscribe();
        server.awaitReceived(PacketType.UNSUBSCRIPTION, 1);
        client.disconnect();
        assertThat(client.isConnected()).isFalse();
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOf(ConnectionLostException.class);
        client.connect();
        assertThat(client.getWithoutAck(1).isEmpty()).isTrue();
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void closedClientRefusesEverything() {
        CollectorClient client = subscribed();
        client.close();
        client.close();
        assertThatThrownBy(() -> client.getWithoutAck(1)).isInstanceOf(CollectorClientException.class)
                .hasMessageContaining("the client is closed");
        assertThatThrownBy(client::connect).hasMessageContaining("the client is closed");
    }

    @Test
    void interruptedGetKeepsTheInterruptAndItsBatchIsDeliveredAgain() throws Exception {
        List<ScriptedServer.Exchange> held = new CopyOnWriteArrayList<>();
        server.once(PacketType.GET, held::add);
        CollectorClient client = subscribed();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread getter = new Thread(() -> {
            try {
                client.getWithoutAck(1);
            } catch (CollectorClientException e) {
                thrown.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        }, "interrupted-getter");
        getter.start();
        Conditions.await("the get held by the server", () -> !held.isEmpty());
        getter.interrupt();
        getter.join(5_000);
        assertThat(thrown.get()).isInstanceOf(CollectorClientException.class).hasMessageContaining("interrupted");
        assertThat(interruptKept).isTrue();
        held.get(0).reply(ServerPackets.messages(4, List.of(TestEntries.insert(1, "1", "a"))));
        server.awaitTypes(2, PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION, PacketType.CLIENTROLLBACK);
    }

}
