package io.collector.server.net.handler;

import static io.collector.server.net.handler.ClientPackets.ackOf;
import static io.collector.server.net.handler.ClientPackets.messagesOf;
import static io.collector.server.net.handler.NetFixture.DESTINATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.PacketProtocol.Compression;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Length framing and packet decoding: pieces, oversized frames, garbage; each failure closes only its connection. */
class FramingTest {

    private final NetFixture fixture = new NetFixture(NetFixture.open());

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theHandshakeIsVersionOneWithAnEightByteSeed() throws Exception {
        TestConnection connection = fixture.connect();
        Packet handshake = connection.handshakePacket();
        assertThat(handshake.getVersion()).isEqualTo(1);
        assertThat(handshake.getType()).isEqualTo(PacketType.HANDSHAKE);
        assertThat(handshake.getCompression()).isEqualTo(Compression.NONE);
        assertThat(io.collector.protocol.PacketProtocol.Handshake.parseFrom(handshake.getBody()).getSeeds().size())
                .isEqualTo(8);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void seedsDifferPerConnection() throws Exception {
        assertThat(fixture.connect().seed()).isNotEqualTo(fixture.connect().seed());
    }

    @Test
    void aPacketFedByteByByteIsAnsweredOnceComplete() throws Exception {
        TestConnection connection = fixture.connect();
        Packet auth = ClientPackets.auth("", null, connection.seed());
        byte[] framed = TestConnection.frame(auth.toByteArray());
        for (int i = 0; i < framed.length - 1; i++) {
            connection.sendBytes(new byte[] {framed[i]});
            assertThat(connection.poll()).as("reply after %d of %d bytes", i + 1, framed.length).isNull();
        }
        connection.sendBytes(new byte[] {framed[framed.length - 1]});
        assertThat(ackOf(connection.next()).getErrorCode()).isZero();
    }

    @Test
    void severalPacketsInOneWriteAreAllAnswered() throws Exception {
        fixture.putTransactions(2);
        TestConnection connection = fixture.login();
        byte[] sub = TestConnection.frame(ClientPackets.subscribe(DESTINATION, "").toByteArray());
        byte[] get = TestConnection.frame(ClientPackets.get(DESTINATION, 3).toByteArray());
        connection.sendBytes(ByteBuffer.allocate(sub.length + get.length).put(sub).put(get).array());
        assertThat(ackOf(connection.next()).getErrorCode()).isZero();
        assertThat(messagesOf(connection.next()).getMessagesCount()).isEqualTo(3);
    }

    @Test
    void requestsInSmallPiecesWork() throws Exception {
        fixture.putTransactions(1);
        TestConnection connection = fixture.login();
        connection.sendInPieces(ClientPackets.subscribe(DESTINATION, ""), 3);
        assertThat(ackOf(connection.next()).getErrorCode()).isZero();
        connection.sendInPieces(ClientPackets.get(DESTINATION, 10), 2);
        assertThat(messagesOf(connection.next()).getMessagesCount()).isEqualTo(3);
    }

    @Test
    void anOversizedLengthHeaderClosesThatConnectionOnly() throws Exception {
        TestConnection bad = fixture.login();
        TestConnection good = fixture.login();
        bad.sendBytes(ByteBuffer.allocate(4).putInt(NetFixture.MAX_FRAME + 1).array());
        assertThat(bad.isOpen()).isFalse();
        assertThat(ackOf(good.request(ClientPackets.subscribe(DESTINATION, ""))).getErrorCode()).isZero();
    }

    @Test
    void aFrameOfExactlyTheLimitIsAccepted() throws Exception {
        TestConnection connection = fixture.login();
        Packet padded = subscriptionOfSize(NetFixture.MAX_FRAME);
        connection.send(padded);
        assertThat(connection.next().getType()).isEqualTo(PacketType.ACK);
        assertThat(connection.isOpen()).isTrue();
    }

    /** A subscription whose filter pads the packet to exactly {@code size} bytes. */
    private static Packet subscriptionOfSize(int size) {
        for (int length = size; length > 0; length--) {
            Packet packet = ClientPackets.subscribe(DESTINATION, "x".repeat(length));
            if (packet.getSerializedSize() == size) {
                return packet;
            }
        }
        throw new AssertionError("no subscription of " + size + " bytes");
    }

    @Test
    void aNegativeLengthHeaderClosesTheConnection() throws Exception {
        TestConnection bad = fixture.login();
        bad.sendBytes(ByteBuffer.allocate(4).putInt(-5).array());
        assertThat(bad.isOpen()).isFalse();
    }

    @Test
    void garbageThatIsNoPacketClosesThatConnectionOnly() throws Exception {
        TestConnection bad = fixture.connect();
        TestConnection good = fixture.connect();
        bad.sendBytes(TestConnection.frame(new byte[] {(byte) 0x0f, (byte) 0xff, (byte) 0xff}));
        assertThat(bad.poll()).isNull();
        assertThat(bad.isOpen()).isFalse();
        assertThat(ackOf(good.request(ClientPackets.auth("", null, good.seed()))).getErrorCode()).isZero();
    }

    @Test
    void anUnreadableBodyAnswers400AndCloses() throws Exception {
        TestConnection bad = fixture.login();
        bad.send(ClientPackets.packet(PacketType.GET, com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) 0x0f})));
        assertThat(ackOf(bad.next()).getErrorCode()).isEqualTo(400);
        assertThat(bad.isOpen()).isFalse();
    }

    @Test
    void aPacketWithoutVersionIsAccepted() throws Exception {
        TestConnection connection = fixture.connect();
        Packet auth = ClientPackets.auth("", null, connection.seed());
        assertThat(auth.hasVersion()).isFalse();
        assertThat(ackOf(connection.request(auth)).getErrorCode()).isZero();
    }
}
