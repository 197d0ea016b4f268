package io.collector.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.collector.client.testing.ServerPackets;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.PacketProtocol.ClientAck;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.ClientRollback;
import io.collector.protocol.PacketProtocol.Dump;
import io.collector.protocol.PacketProtocol.Get;
import io.collector.protocol.PacketProtocol.HeartBeat;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.protocol.PacketProtocol.Sub;
import io.collector.protocol.PacketProtocol.Unsub;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PacketCodecTest {

    private static EmbeddedChannel decoderChannel(int maxFrameLength) {
        return new EmbeddedChannel(FrameDecoders.newFrameDecoder(maxFrameLength), new PacketDecoder());
    }

    private static ByteBuf encode(Packet packet) {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder());
        channel.writeOutbound(packet);
        return channel.readOutbound();
    }

    static Stream<Packet> everyPacketType() {
        Requests requests = new Requests("example", "1001");
        return Stream.of(
                ServerPackets.handshake(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                Requests.auth("canal", "0123456789abcdef0123456789abcdef01234567", 3_600_000, 3_600_000, false),
                Requests.auth("canal", "0123456789abcdef0123456789abcdef01234567", 3_600_000, 3_600_000, true),
                ServerPackets.ack(),
                ServerPackets.errorAck(400, "batch 7 is not outstanding"),
                requests.subscribe("shop\\..*"),
                requests.unsubscribe(),
                requests.get(100, Requests.NO_WAIT),
                ServerPackets.messages(7, List.of(TestEntries.begin(), TestEntries.insert(1, "1", "new"))),
                ServerPackets.empty(),
                requests.ack(7),
                requests.rollback(0),
                packet(PacketType.HEARTBEAT, HeartBeat.newBuilder().setSendTimestamp(1).build().toByteString()),
                packet(PacketType.DUMP, Dump.newBuilder().setJournal("mysql-bin.000001").build().toByteString()),
                packet(PacketType.SHUTDOWN, ByteString.EMPTY));
    }

    private static Packet packet(PacketType type, ByteString body) {
        return Packet.newBuilder().setType(type).setBody(body).build();
    }

    @Test
    void encoderWritesBigEndianLengthThenThePacket() {
        Packet packet = new Requests("example", "1001").ack(7);
        ByteBuf frame = encode(packet);
        byte[] body = packet.toByteArray();
        assertThat(frame.readableBytes()).isEqualTo(4 + body.length);
        assertThat(frame.getByte(0)).isZero();
        assertThat(frame.getByte(1)).isZero();
        assertThat(frame.getInt(0)).isEqualTo(body.length);
        byte[] written = new byte[body.length];
        frame.getBytes(4, written);
        assertThat(written).isEqualTo(body);
        frame.release();
    }

    @ParameterizedTest
    @MethodSource("everyPacketType")
    void everyPacketTypeRoundTrips(Packet packet) {
        EmbeddedChannel channel = decoderChannel(1 << 20);
        channel.writeInbound(encode(packet));
        assertThat((Packet) channel.readInbound()).isEqualTo(packet);
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void framesSplitByteByByteAreReassembled() {
        List<Packet> packets = everyPacketType().toList();
        ByteBuf all = Unpooled.buffer();
        packets.forEach(packet -> {
            ByteBuf frame = encode(packet);
            all.writeBytes(frame);
            frame.release();
        });
        EmbeddedChannel channel = decoderChannel(1 << 20);
        while (all.isReadable()) {
            channel.writeInbound(all.readRetainedSlice(1));
        }
        all.release();
        List<Packet> decoded = new ArrayList<>();
        for (Packet packet = channel.readInbound(); packet != null; packet = channel.readInbound()) {
            decoded.add(packet);
        }
        assertThat(decoded).containsExactlyElementsOf(packets);
    }

    @Test
    void severalFramesInOneBufferAreAllDecoded() {
        ByteBuf both = Unpooled.wrappedBuffer(encode(ServerPackets.ack()), encode(ServerPackets.empty()));
        EmbeddedChannel channel = decoderChannel(1024);
        channel.writeInbound(both);
        assertThat(((Packet) channel.readInbound()).getType()).isEqualTo(PacketType.ACK);
        assertThat(((Packet) channel.readInbound()).getType()).isEqualTo(PacketType.MESSAGES);
    }

    @Test
    void frameLongerThanTheLimitIsRefusedAsSoonAsItsLengthIsRead() {
        EmbeddedChannel channel = decoderChannel(1024);
        ByteBuf header = Unpooled.buffer(4).writeInt(1025);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("1029");
    }

    @Test
    void frameOfExactlyTheLimitIsAccepted() {
        Packet packet = Packet.newBuilder().setType(PacketType.MESSAGES).setBody(ByteString.copyFrom(new byte[1000]))
                .build();
        EmbeddedChannel channel = decoderChannel(packet.getSerializedSize());
        channel.writeInbound(encode(packet));
        assertThat((Packet) channel.readInbound()).isEqualTo(packet);
    }

    @Test
    void bytesThatAreNoPacketAreACorruptedFrame() {
        EmbeddedChannel channel = decoderChannel(1024);
        ByteBuf frame = Unpooled.buffer().writeInt(3).writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertThatThrownBy(() -> channel.writeInbound(frame))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("frame of 3 bytes is not a Packet");
    }

    @Test
    void packetWithoutVersionReadsAsVersionOne() {
        Packet bare = Packet.newBuilder().setType(PacketType.ACK).build();
        EmbeddedChannel channel = decoderChannel(1024);
        channel.writeInbound(encode(bare));
        Packet decoded = channel.readInbound();
        assertThat(decoded.hasVersion()).isFalse();
        assertThat(decoded.getVersion()).isEqualTo(1);
    }

    @Test
    void requestBodiesCarryTheClientIdentity() throws Exception {
        Requests requests = new Requests("example", "1001");
        Sub sub = Sub.parseFrom(requests.subscribe(null).getBody());
        assertThat(sub.getDestination()).isEqualTo("example");
        assertThat(sub.getClientId()).isEqualTo("1001");
        assertThat(sub.hasFilter()).isTrue();
        assertThat(sub.getFilter()).isEmpty();
        assertThat(Unsub.parseFrom(requests.unsubscribe().getBody()).getClientId()).isEqualTo("1001");
        Get get = Get.parseFrom(requests.get(5, 250).getBody());
        assertThat(get.getFetchSize()).isEqualTo(5);
        assertThat(get.getTimeout()).isEqualTo(250);
        assertThat(get.getUnit()).isEqualTo(2);
        assertThat(get.hasAutoAck()).isTrue();
        assertThat(get.getAutoAck()).isFalse();
        assertThat(ClientAck.parseFrom(requests.ack(9).getBody()).getBatchId()).isEqualTo(9);
        assertThat(ClientRollback.parseFrom(requests.rollback(0).getBody()).hasBatchId()).isTrue();
        ClientAuth auth = ClientAuth.parseFrom(Requests.auth("", "", 10, 20, false).getBody());
        assertThat(auth.hasPassword()).isTrue();
        assertThat(auth.getPassword()).isEqualTo(ByteString.EMPTY);
        assertThat(auth.getNetReadTimeout()).isEqualTo(10);
        assertThat(auth.getNetWriteTimeout()).isEqualTo(20);
        assertThat(auth.hasAckReplies()).as("nothing Canal's client would not send").isFalse();
        assertThat(ClientAuth.parseFrom(Requests.auth("", "", 10, 20, true).getBody()).getAckReplies()).isTrue();
    }
}
