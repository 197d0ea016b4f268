package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.CanalPacket;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.TestEvents;
import io.collector.server.publish.EntryRows;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class CanalPacketEncoderTest {

    private static RowData row(String id) {
        return RowData.newBuilder().addAfterColumns(TestEvents.column(0, "id", id, true)).build();
    }

    private static EntryRows entry(long globalId, String... ids) {
        return EntryRows.of(TestEvents.rows(globalId, "shop", "orders", EventType.INSERT,
                java.util.Arrays.stream(ids).map(CanalPacketEncoderTest::row).toList()));
    }

    private static CanalPacket.Messages messages(ProducerRecord<byte[], byte[]> r) throws Exception {
        CanalPacket.Packet p = CanalPacket.Packet.parseFrom(r.value());
        assertThat(p.getType()).isEqualTo(CanalPacket.PacketType.MESSAGES);
        assertThat(p.getVersion()).isEqualTo(1);
        assertThat(p.getCompression()).isEqualTo(CanalPacket.Compression.NONE);
        return CanalPacket.Messages.parseFrom(p.getBody());
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void onePacketPerPartitionWithItsEntriesInOrderAndSplitEntriesRewritten() throws Exception {
        EntryRows first = entry(100, "1", "2", "3");
        EntryRows second = entry(200, "4");
        List<RecordPart> parts = List.of(new RecordPart("t", 0, first, new int[] {0, 2}),
                new RecordPart("t", 1, first, new int[] {1}), new RecordPart("t", 0, second, null));

        List<ProducerRecord<byte[], byte[]>> records =
                new CanalPacketEncoder(new RecordHeadersFactory("d"), 1 << 20).encode(7, parts);

        assertThat(records).extracting(ProducerRecord::partition).containsExactly(0, 1);
        CanalPacket.Messages p0 = messages(records.get(0));
        assertThat(p0.getBatchId()).isEqualTo(7);
        assertThat(p0.getMessagesCount()).isEqualTo(2);
        CanalEntry.Entry split = CanalEntry.Entry.parseFrom(p0.getMessages(0));
        assertThat(CanalEntry.RowChange.parseFrom(split.getStoreValue()).getRowDatasList())
                .extracting(r -> r.getAfterColumns(0).getValue()).containsExactly("1", "3");
        assertThat(split.getHeader().getPropsList()).extracting(p -> p.getKey() + "=" + p.getValue())
                .contains("rowsCount=2", "globalId=100");
        assertThat(CanalEntry.Entry.parseFrom(p0.getMessages(1)).toByteString())
                .isEqualTo(CanalEntry.Entry.parseFrom(second.event().entry().toByteArray()).toByteString());
        CanalEntry.Entry other = CanalEntry.Entry.parseFrom(messages(records.get(1)).getMessages(0));
        assertThat(other.getHeader().getPropsList()).extracting(p -> p.getKey() + "=" + p.getValue())
                .contains("rowsCount=1", "globalId=101");
        assertThat(header(records.get(1), "globalId")).isEqualTo("101");
        assertThat(header(records.get(1), "destination")).isEqualTo("d");
        assertThat(header(records.get(1), "position")).isEqualTo("mysql-bin.000001:100");
    }

    @Test
    void aPartitionsEntriesAreCutIntoRecordsUnderTheSizeLimit() throws Exception {
        List<RecordPart> parts = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> new RecordPart("t", 0, entry(1000L * (i + 1), "v".repeat(500)), null)).toList();

        List<ProducerRecord<byte[], byte[]>> records =
                new CanalPacketEncoder(new RecordHeadersFactory("d"), 2000).encode(1, parts);

        assertThat(records).hasSizeGreaterThan(1).allSatisfy(r -> assertThat(r.value().length).isLessThan(2000));
        int entries = 0;
        for (ProducerRecord<byte[], byte[]> r : records) {
            entries += messages(r).getMessagesCount();
        }
        assertThat(entries).isEqualTo(10);
    }
}
