package io.collector.server.net.handler;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.TestEvents;
import io.collector.server.service.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The GET reply written as a composite of the stored entry bytes against the Packet built as objects. */
class PacketsTest {

    @Test
    void emptyReplyHasTheSameBytes() {
        assertSameBytes(Message.empty());
    }

    @Test
    void batchReplyHasTheSameBytesAndSharesTheEntries() throws Exception {
        ChangeEvent large = TestEvents.insert(3, "db", "t", Column.newBuilder().setIndex(0).setName("v")
                .setValue("x".repeat(70_000)).build());
        List<ChangeEvent> events = List.of(TestEvents.begin(1), TestEvents.row(2, "db", "t",
                io.collector.protocol.EntryProtocol.EventType.UPDATE), large, TestEvents.end(4));
        Message message = new Message(Long.MAX_VALUE, events);

        assertSameBytes(message);
        Messages body = Messages.parseFrom(Packet.parseFrom(bytes(Packets.messagesBuffer(message))).getBody());
        assertThat(body.getMessagesList()).hasSize(4);
        assertThat(body.getMessages(2).toByteArray()).isEqualTo(large.entry().toByteArray());
    }

    private static void assertSameBytes(Message message) {
        Packet expected = Packets.messages(message);
        byte[] actual = bytes(Packets.messagesBuffer(message));

        assertThat(expected.getType()).isEqualTo(PacketType.MESSAGES);
        assertThat(actual).isEqualTo(expected.toByteArray());
    }

    private static byte[] bytes(ByteBuf buffer) {
        try {
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }
}
