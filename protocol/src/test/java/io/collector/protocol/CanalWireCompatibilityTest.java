package io.collector.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.CanalPacket;
import com.google.protobuf.ByteString;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.protocol.EntryProtocol.TransactionBegin;
import io.collector.protocol.EntryProtocol.TransactionEnd;
import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.ClientAck;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.ClientRollback;
import io.collector.protocol.PacketProtocol.Get;
import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.protocol.PacketProtocol.Sub;
import org.junit.jupiter.api.Test;

/** Bytes written by our generated classes parse with canal.protocol 1.1.8's classes, and the other way round. */
class CanalWireCompatibilityTest {

    private static Header header() {
        return Header.newBuilder().setVersion(1).setLogfileName("mysql-bin.000003").setLogfileOffset(1234)
                .setServerId(7).setServerenCode("UTF-8").setExecuteTime(1_700_000_000_000L)
                .setSourceType(EntryProtocol.Type.MYSQL).setSchemaName("shop").setTableName("orders")
                .setEventLength(88).setEventType(EventType.UPDATE).setGtid("0-1-42")
                .addProps(Pair.newBuilder().setKey("rowsCount").setValue("1"))
                .addProps(Pair.newBuilder().setKey("globalId").setValue("123456"))
                .build();
    }

    private static Column column(int index, String name, String value, boolean key, boolean updated) {
        Column.Builder b = Column.newBuilder().setIndex(index).setSqlType(12).setName(name).setIsKey(key)
                .setUpdated(updated).setIsNull(value == null);
        if (value != null) {
            b.setValue(value);
        }
        return b.setMysqlType("varchar(64)").build();
    }

    @Test
    void rowDataEntryReadsFieldByFieldInCanal() throws Exception {
        RowChange change = RowChange.newBuilder().setTableId(99).setEventType(EventType.UPDATE).setIsDdl(false)
                .addRowDatas(RowData.newBuilder()
                        .addBeforeColumns(column(0, "id", "1", true, false))
                        .addBeforeColumns(column(1, "note", null, false, false))
                        .addAfterColumns(column(0, "id", "1", true, false))
                        .addAfterColumns(column(1, "note", "héllo", false, true)))
                .build();
        Entry ours = Entry.newBuilder().setHeader(header()).setEntryType(EntryType.ROWDATA)
                .setStoreValue(change.toByteString()).build();

        CanalEntry.Entry theirs = CanalEntry.Entry.parseFrom(ours.toByteArray());
        CanalEntry.Header h = theirs.getHeader();
        assertThat(h.getVersion()).isEqualTo(1);
        assertThat(h.getLogfileName()).isEqualTo("mysql-bin.000003");
        assertThat(h.getLogfileOffset()).isEqualTo(1234);
        assertThat(h.getServerId()).isEqualTo(7);
        assertThat(h.getServerenCode()).isEqualTo("UTF-8");
        assertThat(h.getExecuteTime()).isEqualTo(1_700_000_000_000L);
        assertThat(h.getSourceType()).isEqualTo(CanalEntry.Type.MYSQL);
        assertThat(h.getSchemaName()).isEqualTo("shop");
        assertThat(h.getTableName()).isEqualTo("orders");
        assertThat(h.getEventLength()).isEqualTo(88);
        assertThat(h.getEventType()).isEqualTo(CanalEntry.EventType.UPDATE);
        assertThat(h.getGtid()).isEqualTo("0-1-42");
        assertThat(h.getPropsList()).extracting(CanalEntry.Pair::getKey, CanalEntry.Pair::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rowsCount", "1"),
                        org.assertj.core.groups.Tuple.tuple("globalId", "123456"));
        assertThat(theirs.getEntryType()).isEqualTo(CanalEntry.EntryType.ROWDATA);

        CanalEntry.RowChange rc = CanalEntry.RowChange.parseFrom(theirs.getStoreValue());
        assertThat(rc.getTableId()).isEqualTo(99);
        assertThat(rc.getEventType()).isEqualTo(CanalEntry.EventType.UPDATE);
        assertThat(rc.getIsDdl()).isFalse();
        CanalEntry.RowData row = rc.getRowDatas(0);
        assertThat(row.getBeforeColumnsCount()).isEqualTo(2);
        CanalEntry.Column note = row.getAfterColumns(1);
        assertThat(note.getIndex()).isEqualTo(1);
        assertThat(note.getSqlType()).isEqualTo(12);
        assertThat(note.getName()).isEqualTo("note");
        assertThat(note.getIsKey()).isFalse();
        assertThat(note.getUpdated()).isTrue();
        assertThat(note.getIsNull()).isFalse();
        assertThat(note.getValue()).isEqualTo("héllo");
        assertThat(note.getMysqlType()).isEqualTo("varchar(64)");
        assertThat(row.getBeforeColumns(1).getIsNull()).isTrue();
        assertThat(row.getBeforeColumns(1).getValue()).isEmpty();
        assertThat(row.getAfterColumns(0).getIsKey()).isTrue();
    }

    @Test
    void ddlAndTransactionEntriesRoundTrip() throws Exception {
        RowChange ddl = RowChange.newBuilder().setEventType(EventType.ALTER).setIsDdl(true)
                .setSql("ALTER TABLE t ADD c INT").setDdlSchemaName("shop").build();
        CanalEntry.RowChange theirs = CanalEntry.RowChange.parseFrom(ddl.toByteArray());
        assertThat(theirs.getIsDdl()).isTrue();
        assertThat(theirs.getSql()).isEqualTo("ALTER TABLE t ADD c INT");
        assertThat(theirs.getDdlSchemaName()).isEqualTo("shop");
        assertThat(theirs.getEventType()).isEqualTo(CanalEntry.EventType.ALTER);

        CanalEntry.TransactionBegin begin = CanalEntry.TransactionBegin.parseFrom(
                TransactionBegin.newBuilder().setThreadId(55).build().toByteArray());
        assertThat(begin.getThreadId()).isEqualTo(55);
        CanalEntry.TransactionEnd end = CanalEntry.TransactionEnd.parseFrom(
                TransactionEnd.newBuilder().setTransactionId("777").build().toByteArray());
        assertThat(end.getTransactionId()).isEqualTo("777");
    }

    @Test
    void canalEntriesReadFieldByFieldInOurs() throws Exception {
        CanalEntry.Column col = CanalEntry.Column.newBuilder().setIndex(3).setSqlType(4).setName("qty")
                .setIsKey(false).setUpdated(true).setIsNull(false).setValue("12").setMysqlType("int(11)").build();
        CanalEntry.Entry theirs = CanalEntry.Entry.newBuilder()
                .setHeader(CanalEntry.Header.newBuilder().setLogfileName("bin.000001").setLogfileOffset(4)
                        .setSchemaName("s").setTableName("t").setEventType(CanalEntry.EventType.INSERT))
                .setEntryType(CanalEntry.EntryType.ROWDATA)
                .setStoreValue(CanalEntry.RowChange.newBuilder().setEventType(CanalEntry.EventType.INSERT)
                        .addRowDatas(CanalEntry.RowData.newBuilder().addAfterColumns(col)).build().toByteString())
                .build();

        Entry ours = Entry.parseFrom(theirs.toByteArray());
        assertThat(ours.getHeader().getLogfileName()).isEqualTo("bin.000001");
        assertThat(ours.getHeader().getLogfileOffset()).isEqualTo(4);
        assertThat(ours.getHeader().getEventType()).isEqualTo(EventType.INSERT);
        assertThat(ours.getEntryType()).isEqualTo(EntryType.ROWDATA);
        Column c = RowChange.parseFrom(ours.getStoreValue()).getRowDatas(0).getAfterColumns(0);
        assertThat(c.getIndex()).isEqualTo(3);
        assertThat(c.getSqlType()).isEqualTo(4);
        assertThat(c.getName()).isEqualTo("qty");
        assertThat(c.getUpdated()).isTrue();
        assertThat(c.getValue()).isEqualTo("12");
        assertThat(c.getMysqlType()).isEqualTo("int(11)");
    }

    @Test
    void packetsRoundTripBothWays() throws Exception {
        Packet handshake = Packet.newBuilder().setVersion(1).setType(PacketType.HANDSHAKE)
                .setBody(Handshake.newBuilder().setSeeds(ByteString.copyFromUtf8("12345678")).build().toByteString())
                .build();
        CanalPacket.Packet p = CanalPacket.Packet.parseFrom(handshake.toByteArray());
        assertThat(p.getVersion()).isEqualTo(1);
        assertThat(p.getType()).isEqualTo(CanalPacket.PacketType.HANDSHAKE);
        assertThat(CanalPacket.Handshake.parseFrom(p.getBody()).getSeeds().toStringUtf8()).isEqualTo("12345678");

        CanalPacket.ClientAuth auth = CanalPacket.ClientAuth.newBuilder().setUsername("u")
                .setPassword(ByteString.copyFromUtf8("abcdef")).setNetReadTimeout(3000).setNetWriteTimeout(4000)
                .setDestination("d").setClientId("1001").setFilter("shop\\..*").build();
        ClientAuth ourAuth = ClientAuth.parseFrom(auth.toByteArray());
        assertThat(ourAuth.getUsername()).isEqualTo("u");
        assertThat(ourAuth.getPassword().toStringUtf8()).isEqualTo("abcdef");
        assertThat(ourAuth.getNetReadTimeout()).isEqualTo(3000);
        assertThat(ourAuth.getNetWriteTimeout()).isEqualTo(4000);
        assertThat(ourAuth.getDestination()).isEqualTo("d");
        assertThat(ourAuth.getClientId()).isEqualTo("1001");
        assertThat(ourAuth.getFilter()).isEqualTo("shop\\..*");

        CanalPacket.Get get = CanalPacket.Get.newBuilder().setDestination("d").setClientId("1001").setFetchSize(100)
                .setTimeout(-1).setUnit(2).setAutoAck(false).build();
        Get ourGet = Get.parseFrom(get.toByteArray());
        assertThat(ourGet.getFetchSize()).isEqualTo(100);
        assertThat(ourGet.getTimeout()).isEqualTo(-1);
        assertThat(ourGet.getUnit()).isEqualTo(2);
        assertThat(ourGet.getAutoAck()).isFalse();

        assertThat(Sub.parseFrom(CanalPacket.Sub.newBuilder().setDestination("d").setClientId("1001")
                .setFilter(".*").build().toByteArray()).getFilter()).isEqualTo(".*");
        assertThat(ClientAck.parseFrom(CanalPacket.ClientAck.newBuilder().setBatchId(9).build().toByteArray())
                .getBatchId()).isEqualTo(9);
        // Canal's proto3 classes do not write batch_id 0 ("roll back everything"): absent must read as 0
        ClientRollback rollbackAll = ClientRollback.parseFrom(CanalPacket.ClientRollback.newBuilder().setBatchId(0)
                .build().toByteArray());
        assertThat(rollbackAll.hasBatchId()).isFalse();
        assertThat(rollbackAll.getBatchId()).isZero();

        Messages messages = Messages.newBuilder().setBatchId(5).addMessages(ByteString.copyFromUtf8("x")).build();
        CanalPacket.Messages theirMessages = CanalPacket.Messages.parseFrom(messages.toByteArray());
        assertThat(theirMessages.getBatchId()).isEqualTo(5);
        assertThat(theirMessages.getMessagesList()).hasSize(1);

        CanalPacket.Ack ack = CanalPacket.Ack.parseFrom(Ack.newBuilder().setErrorCode(401)
                .setErrorMessage("no such destination").build().toByteArray());
        assertThat(ack.getErrorCode()).isEqualTo(401);
        assertThat(ack.getErrorMessage()).isEqualTo("no such destination");
    }

    @Test
    void ackRepliesFieldsAreUnknownToCanalAndIgnoredByIt() throws Exception {
        assertThat(CanalPacket.Handshake.getDescriptor().findFieldByNumber(Handshake.ACK_REPLIES_FIELD_NUMBER))
                .isNull();
        assertThat(CanalPacket.ClientAuth.getDescriptor().findFieldByNumber(ClientAuth.ACK_REPLIES_FIELD_NUMBER))
                .isNull();
        Handshake offer = Handshake.newBuilder().setSeeds(ByteString.copyFromUtf8("12345678")).setAckReplies(true)
                .build();
        assertThat(CanalPacket.Handshake.parseFrom(offer.toByteArray()).getSeeds().toStringUtf8())
                .isEqualTo("12345678");
        ClientAuth optIn = ClientAuth.newBuilder().setUsername("u").setNetReadTimeout(3000).setAckReplies(true)
                .build();
        CanalPacket.ClientAuth theirs = CanalPacket.ClientAuth.parseFrom(optIn.toByteArray());
        assertThat(theirs.getUsername()).isEqualTo("u");
        assertThat(theirs.getNetReadTimeout()).isEqualTo(3000);
        assertThat(ClientAuth.parseFrom(CanalPacket.ClientAuth.newBuilder().setUsername("u").build().toByteArray())
                .hasAckReplies()).isFalse();
    }

    @Test
    void unsetFieldsReadAsCanalDefaults() throws Exception {
        Packet bare = Packet.parseFrom(CanalPacket.Packet.newBuilder().setType(CanalPacket.PacketType.GET)
                .build().toByteArray());
        assertThat(bare.getVersion()).isEqualTo(1);
        assertThat(bare.getMagicNumber()).isEqualTo(17);
        assertThat(bare.getCompression()).isEqualTo(PacketProtocol.Compression.NONE);
        assertThat(Get.getDefaultInstance().getTimeout()).isEqualTo(-1);
        assertThat(Get.getDefaultInstance().getUnit()).isEqualTo(2);
        assertThat(Header.getDefaultInstance().getSourceType()).isEqualTo(EntryProtocol.Type.MYSQL);
        assertThat(Entry.getDefaultInstance().getEntryType()).isEqualTo(EntryType.ROWDATA);
    }
}
