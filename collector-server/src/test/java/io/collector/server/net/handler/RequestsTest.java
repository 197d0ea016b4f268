package io.collector.server.net.handler;

import static io.collector.server.net.handler.ClientPackets.ackOf;
import static io.collector.server.net.handler.ClientPackets.messagesOf;
import static io.collector.server.net.handler.NetFixture.DESTINATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.server.entry.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subscribe, get, ack, rollback and unsubscribe against a real service, with Canal's replies and codes. */
class RequestsTest {

    private final NetFixture fixture = new NetFixture(NetFixture.open());

    @AfterEach
    void close() {
        fixture.close();
    }

    private static List<ByteString> bytes(List<ChangeEvent> events) {
        return events.stream().map(e -> e.entry().toByteString()).toList();
    }

    @Test
    void subscribingToAnUnknownDestinationAnswers401() throws Exception {
        TestConnection connection = fixture.login();
        Ack ack = ackOf(connection.request(ClientPackets.subscribe("nowhere", "")));
        assertThat(ack.getErrorCode()).isEqualTo(401);
        assertThat(connection.isOpen()).isTrue();
        assertThat(fixture.registry.size()).isZero();
    }

    @Test
    void anEmptyClientIdAnswers401() throws Exception {
        TestConnection connection = fixture.login();
        Packet sub = ClientPackets.packet(PacketType.SUBSCRIPTION, io.collector.protocol.PacketProtocol.Sub.newBuilder()
                .setDestination(DESTINATION).build().toByteString());
        assertThat(ackOf(connection.request(sub)).getErrorCode()).isEqualTo(401);
    }

    @Test
    void anInvalidFilterAnswers400() throws Exception {
        TestConnection connection = fixture.login();
        assertThat(ackOf(connection.request(ClientPackets.subscribe(DESTINATION, "db.(t"))).getErrorCode())
                .isEqualTo(400);
    }

    @Test
    void getReturnsTheSerializedEntriesThenAnEmptyBatch() throws Exception {
        List<ChangeEvent> events = fixture.putTransactions(2);
        TestConnection connection = fixture.subscribed();
        Messages first = messagesOf(connection.request(ClientPackets.get(DESTINATION, 4)));
        Messages second = messagesOf(connection.request(ClientPackets.get(DESTINATION, 4)));
        Messages empty = messagesOf(connection.request(ClientPackets.get(DESTINATION, 4)));
        assertThat(first.getBatchId()).isPositive();
        assertThat(second.getBatchId()).isGreaterThan(first.getBatchId());
        assertThat(first.getMessagesList()).isEqualTo(bytes(events.subList(0, 4)));
        assertThat(second.getMessagesList()).isEqualTo(bytes(events.subList(4, 6)));
        assertThat(empty.getBatchId()).isEqualTo(-1);
        assertThat(empty.getMessagesCount()).isZero();
    }

    @Test
    void messagesPacketsAreVersionOneWithoutCompression() throws Exception {
        fixture.putTransactions(1);
        Packet reply = fixture.subscribed().request(ClientPackets.get(DESTINATION, 10));
        assertThat(reply.getVersion()).isEqualTo(1);
        assertThat(reply.getCompression()).isEqualTo(io.collector.protocol.PacketProtocol.Compression.NONE);
    }

    @Test
    void aClientFilterNarrowsTheEntries() throws Exception {
        fixture.store.put(List.of(io.collector.server.entry.TestEvents.row(1, "db", "a",
                io.collector.protocol.EntryProtocol.EventType.INSERT), io.collector.server.entry.TestEvents.row(2,
                "db", "b", io.collector.protocol.EntryProtocol.EventType.INSERT)));
        TestConnection connection = fixture.login();
        assertThat(ackOf(connection.request(ClientPackets.subscribe(DESTINATION, "db\\.b"))).getErrorCode()).isZero();
        Messages messages = messagesOf(connection.request(ClientPackets.get(DESTINATION, 10)));
        assertThat(messages.getMessagesCount()).isEqualTo(1);
        assertThat(io.collector.protocol.EntryProtocol.Entry.parseFrom(messages.getMessages(0)).getHeader()
                .getTableName()).isEqualTo("b");
    }

    @Test
    void getWithoutSubscriptionAnswers401() throws Exception {
        TestConnection connection = fixture.login();
        assertThat(ackOf(connection.request(ClientPackets.get(DESTINATION, 10))).getErrorCode()).isEqualTo(401);
    }

    @Test
    void getOfZeroEntriesAnswers400() throws Exception {
        TestConnection connection = fixture.subscribed();
        assertThat(ackOf(connection.request(ClientPackets.get(DESTINATION, 0))).getErrorCode()).isEqualTo(400);
    }

    @Test
    void aGetWithATimeoutInSecondsReturnsWhatIsThere() throws Exception {
        fixture.putTransactions(1);
        TestConnection connection = fixture.subscribed();
        Messages messages = messagesOf(connection.request(ClientPackets.get(DESTINATION, 3, 1, 3)));
        assertThat(messages.getMessagesCount()).isEqualTo(3);
    }

    @Test
    void aSuccessfulAckAnswersNothing() throws Exception {
        fixture.putTransactions(1);
        TestConnection connection = fixture.subscribed();
        long batch = messagesOf(connection.request(ClientPackets.get(DESTINATION, 10))).getBatchId();
        connection.send(ClientPackets.ack(DESTINATION, batch));
        assertThat(connection.poll()).isNull();
        assertThat(fixture.outstandingBatches()).isEmpty();
        assertThat(fixture.meta.cursor(DESTINATION, "1001")).isPresent();
    }

    @Test
    void ackOfMinusOneIsIgnoredAndZeroAnswers402() throws Exception {
        TestConnection connection = fixture.subscribed();
        connection.send(ClientPackets.ack(DESTINATION, -1));
        assertThat(connection.poll()).isNull();
        Ack ack = ackOf(connection.request(ClientPackets.ack(DESTINATION, 0)));
        assertThat(ack.getErrorCode()).isEqualTo(402);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void anOutOfOrderAckAnswers400BeforeTheNextReply() throws Exception {
        fixture.putTransactions(2);
        TestConnection connection = fixture.subscribed();
        long first = messagesOf(connection.request(ClientPackets.get(DESTINATION, 3))).getBatchId();
        long second = messagesOf(connection.request(ClientPackets.get(DESTINATION, 3))).getBatchId();
        connection.send(ClientPackets.ack(DESTINATION, second));
        connection.send(ClientPackets.get(DESTINATION, 3));
        assertThat(ackOf(connection.next()).getErrorCode()).isEqualTo(400);
        assertThat(messagesOf(connection.next()).getBatchId()).isEqualTo(-1);
        connection.send(ClientPackets.ack(DESTINATION, first));
        connection.send(ClientPackets.ack(DESTINATION, second));
        connection.send(ClientPackets.ack(DESTINATION, 12345));
        assertThat(ackOf(connection.next()).getErrorCode()).isEqualTo(400);
        assertThat(fixture.outstandingBatches()).isEmpty();
    }

    @Test
    void rollbackAnswersNothingAndEverythingComesAgainInOrder() throws Exception {
        List<ChangeEvent> events = fixture.putTransactions(3);
        TestConnection connection = fixture.subscribed();
        List<ByteString> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.addAll(messagesOf(connection.request(ClientPackets.get(DESTINATION, 3))).getMessagesList());
        }
        connection.send(ClientPackets.rollback(DESTINATION, 0));
        assertThat(connection.poll()).isNull();
        List<ByteString> again = messagesOf(connection.request(ClientPackets.get(DESTINATION, 100))).getMessagesList();
        assertThat(first).isEqualTo(bytes(events));
        assertThat(again).isEqualTo(bytes(events));
    }

    @Test
    void rollbackOfOneBatchRedeliversEverythingUnacknowledged() throws Exception {
        List<ChangeEvent> events = fixture.putTransactions(2);
        TestConnection connection = fixture.subscribed();
        long first = messagesOf(connection.request(ClientPackets.get(DESTINATION, 3))).getBatchId();
        long second = messagesOf(connection.request(ClientPackets.get(DESTINATION, 3))).getBatchId();
        connection.send(ClientPackets.ack(DESTINATION, first));
        connection.send(ClientPackets.rollback(DESTINATION, second));
        assertThat(connection.poll()).isNull();
        assertThat(messagesOf(connection.request(ClientPackets.get(DESTINATION, 100))).getMessagesList())
                .isEqualTo(bytes(events.subList(3, 6)));
    }

    @Test
    void rollbackOfABatchThatIsNotOutstandingAnswers400() throws Exception {
        TestConnection connection = fixture.subscribed();
        assertThat(ackOf(connection.request(ClientPackets.rollback(DESTINATION, 77))).getErrorCode()).isEqualTo(400);
    }

    @Test
    void rollbackBeforeSubscribingIsIgnoredSilently() throws Exception {
        TestConnection connection = fixture.login();
        connection.send(ClientPackets.rollback(DESTINATION, 0));
        connection.send(ClientPackets.rollback("nowhere", 0));
        assertThat(connection.poll()).isNull();
        assertThat(ackOf(connection.request(ClientPackets.subscribe(DESTINATION, ""))).getErrorCode()).isZero();
    }

    @Test
    void unsubscribeAnswersAckAndEndsTheSubscription() throws Exception {
        TestConnection connection = fixture.subscribed();
        assertThat(ackOf(connection.request(ClientPackets.unsubscribe(DESTINATION))).getErrorCode()).isZero();
        assertThat(fixture.meta.subscriptions(DESTINATION)).isEmpty();
        assertThat(fixture.registry.size()).isZero();
        assertThat(ackOf(connection.request(ClientPackets.get(DESTINATION, 10))).getErrorCode()).isEqualTo(401);
        assertThat(ackOf(connection.request(ClientPackets.unsubscribe("nowhere"))).getErrorCode()).isEqualTo(401);
    }

    @Test
    void unsubscribeRollsBackWhatWasNotAcknowledged() throws Exception {
        fixture.putTransactions(1);
        TestConnection connection = fixture.subscribed();
        messagesOf(connection.request(ClientPackets.get(DESTINATION, 10)));
        connection.request(ClientPackets.unsubscribe(DESTINATION));
        assertThat(fixture.outstandingBatches()).isEmpty();
    }

    @Test
    void packetTypesAClientDoesNotSendAnswer400AndKeepTheConnection() throws Exception {
        TestConnection connection = fixture.subscribed();
        for (PacketType type : List.of(PacketType.HEARTBEAT, PacketType.DUMP, PacketType.SHUTDOWN, PacketType.MESSAGES,
                PacketType.HANDSHAKE, PacketType.ACK, PacketType.PACKAGETYPECOMPATIBLEPROTO2)) {
            Ack ack = ackOf(connection.request(ClientPackets.packet(type, ByteString.EMPTY)));
            assertThat(ack.getErrorCode()).as("%s", type).isEqualTo(400);
            assertThat(ack.getErrorMessage()).contains("packet type=" + type + " is NOT supported!");
        }
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void anUnknownTypeNumberAnswers400() throws Exception {
        TestConnection connection = fixture.subscribed();
        byte[] unknownType = {0x18, 99};
        connection.sendBytes(TestConnection.frame(unknownType));
        assertThat(ackOf(connection.next()).getErrorCode()).isEqualTo(400);
        assertThat(connection.isOpen()).isTrue();
    }
}
