package io.collector.server.net.handler;

import static io.collector.server.net.handler.ClientPackets.ackOf;
import static io.collector.server.net.handler.ClientPackets.messagesOf;
import static io.collector.server.net.handler.NetFixture.DESTINATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ack_replies} extension: the handshake offers it; a client that sets it in CLIENTAUTHENTICATION gets
 * exactly one reply per ack and rollback (error-free on success), one that does not (Canal's) gets none on success.
 */
class AckRepliesTest {

    private final NetFixture fixture = new NetFixture(NetFixture.open());

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A connection that asked for ack replies, subscribed to {@value NetFixture#DESTINATION}. */
    private TestConnection optedIn() throws Exception {
        TestConnection connection = fixture.connect();
        Packet auth = ClientPackets.auth(ClientAuth.newBuilder().setUsername("").setNetReadTimeout(3_600_000)
                .setAckReplies(true).build());
        assertThat(ackOf(connection.request(auth)).getErrorCode()).isZero();
        assertThat(ackOf(connection.request(ClientPackets.subscribe(DESTINATION, ""))).getErrorCode()).isZero();
        return connection;
    }

    private static void assertOk(Packet reply) {
        assertThat(reply.getType()).isEqualTo(PacketType.ACK);
        Ack ack = ackOf(reply);
        assertThat(ack.getErrorCode()).isZero();
        assertThat(ack.getErrorMessage()).isEmpty();
    }

    @Test
    void theHandshakeOffersAckReplies() throws Exception {
        Packet handshake = fixture.connect().handshakePacket();
        assertThat(Handshake.parseFrom(handshake.getBody()).getAckReplies()).isTrue();
    }

    @Test
    void aSuccessfulAckIsAnsweredWhenAskedFor() throws Exception {
        fixture.putTransactions(1);
        TestConnection connection = optedIn();
        long batch = messagesOf(connection.request(ClientPackets.get(DESTINATION, 10))).getBatchId();
        assertOk(connection.request(ClientPackets.ack(DESTINATION, batch)));
        assertThat(connection.poll()).isNull();
        assertThat(fixture.outstandingBatches()).isEmpty();
    }

    @Test
    void ackOfMinusOneIsAnsweredAndARefusalIsTheOnlyReply() throws Exception {
        TestConnection connection = optedIn();
        assertOk(connection.request(ClientPackets.ack(DESTINATION, -1)));
        assertThat(ackOf(connection.request(ClientPackets.ack(DESTINATION, 0))).getErrorCode()).isEqualTo(402);
        assertThat(ackOf(connection.request(ClientPackets.ack(DESTINATION, 12345))).getErrorCode()).isEqualTo(400);
        assertThat(connection.poll()).isNull();
    }

    @Test
    void rollbacksAreAnsweredWhetherTheyRollBackOrAreIgnored() throws Exception {
        fixture.putTransactions(1);
        TestConnection connection = optedIn();
        messagesOf(connection.request(ClientPackets.get(DESTINATION, 10)));
        assertOk(connection.request(ClientPackets.rollback(DESTINATION, 0)));
        assertOk(connection.request(ClientPackets.rollback("nowhere", 0)));
        assertThat(ackOf(connection.request(ClientPackets.rollback(DESTINATION, 77))).getErrorCode()).isEqualTo(400);
        assertThat(connection.poll()).isNull();
        assertThat(messagesOf(connection.request(ClientPackets.get(DESTINATION, 10))).getMessagesCount()).isEqualTo(3);
    }

    @Test
    void aRefusedGetAfterASuccessfulRollbackHasItsOwnReply() throws Exception {
        TestConnection connection = optedIn();
        assertThat(ackOf(connection.request(ClientPackets.unsubscribe(DESTINATION))).getErrorCode()).isZero();
        connection.send(ClientPackets.rollback(DESTINATION, 0));
        connection.send(ClientPackets.get(DESTINATION, 10));
        assertOk(connection.next());
        assertThat(ackOf(connection.next()).getErrorCode()).isEqualTo(401);
        assertThat(connection.poll()).isNull();
    }

    @Test
    void aClientThatDidNotAskGetsNoAnswerOnSuccessAsWithCanal() throws Exception {
        fixture.putTransactions(1);
        TestConnection connection = fixture.subscribed();
        long batch = messagesOf(connection.request(ClientPackets.get(DESTINATION, 10))).getBatchId();
        connection.send(ClientPackets.ack(DESTINATION, batch));
        connection.send(ClientPackets.ack(DESTINATION, -1));
        connection.send(ClientPackets.rollback(DESTINATION, 0));
        assertThat(connection.poll()).isNull();
        assertThat(ackOf(connection.request(ClientPackets.ack(DESTINATION, 0))).getErrorCode()).isEqualTo(402);
    }
}
