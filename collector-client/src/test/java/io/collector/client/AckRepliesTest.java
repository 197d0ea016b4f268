package io.collector.client;

import static io.collector.client.testing.ServerPackets.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.collector.client.testing.ScriptedServer;
import io.collector.client.testing.ServerPackets;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a server whose handshake offers {@code ack_replies} and that then answers every ack and
 * rollback (as our server does, see the server's AckRepliesTest): the client opts in and each ack and rollback
 * waits for its own reply. Against a server that does not offer it (Canal's), see {@link CollectorClientTest}.
 */
class AckRepliesTest extends ClientFixture {

    @BeforeEach
    void offerAckReplies() {
        Handshake handshake = Handshake.newBuilder().setSeeds(ByteString.copyFrom(ScriptedServer.SEED))
                .setAckReplies(true).build();
        server.handshake(Packet.newBuilder().setVersion(1).setType(PacketType.HANDSHAKE)
                .setBody(handshake.toByteString()).build());
        server.on(PacketType.CLIENTACK, exchange -> exchange.reply(ServerPackets.ack()));
        server.on(PacketType.CLIENTROLLBACK, exchange -> exchange.reply(ServerPackets.ack()));
    }

    @Test
    void theClientOptsInWhenOffered() {
        subscribed();
        ClientAuth auth = body(server.received(PacketType.CLIENTAUTHENTICATION).get(0), ClientAuth::parseFrom);
        assertThat(auth.getAckReplies()).isTrue();
    }

    @Test
    void aRefusedGetAfterTheSubscriptionsRollbackFailsTheGetItself() {
        server.on(PacketType.GET, exchange -> exchange.reply(ServerPackets.errorAck(401,
                "destination:example client 1001 has not subscribed")));
        CollectorClient client = subscribed();
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.getWithoutAck(10)).isInstanceOfSatisfying(CollectorServerException.class,
                e -> assertThat(e.errorCode()).isEqualTo(401)).hasMessageContaining("getWithoutAck")
                .hasMessageContaining("has not subscribed");
        assertThat(System.nanoTime() - start).as("well within the 2 s request timeout").isLessThan(1_000_000_000L);
        assertThat(server.types(1)).containsExactly(PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION,
                PacketType.CLIENTROLLBACK, PacketType.GET);
        assertThat(listened).isEmpty();
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void aRefusedAckFailsTheAckAndNotTheNextCall() {
        server.once(PacketType.CLIENTACK, exchange ->
                exchange.reply(ServerPackets.errorAck(400, "batchId:5 is not the firstly:4")));
        CollectorClient client = subscribed();
        assertThatThrownBy(() -> client.ack(5)).isInstanceOfSatisfying(CollectorServerException.class,
                e -> assertThat(e.errorCode()).isEqualTo(400)).hasMessageContaining("ack of batch 5");
        assertThat(client.getWithoutAck(10).isEmpty()).isTrue();
        client.ack(6);
        client.rollback();
        assertThat(client.getWithoutAck(10).isEmpty()).isTrue();
        assertThat(listened).isEmpty();
    }

    @Test
    void anAckWithoutItsReplyTimesOut() {
        server.on(PacketType.CLIENTACK, exchange -> { });
        CollectorClient client = subscribed();
        assertThatThrownBy(() -> client.ack(5)).isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("the ack of batch 5");
    }
}
