package io.collector.server.publish.kafka;

import com.google.protobuf.ByteString;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.PacketProtocol.Compression;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Canal's non-flat records: per batch, topic and partition, the serialized
 * {@code Packet{version=1, type=MESSAGES, compression=NONE, body=Messages{batch_id, messages}}} whose messages
 * are the serialized entries, in order, as Canal's Kafka producer writes them and its client reads them. An
 * entry whose rows go to several partitions is rewritten per partition with only those rows (its
 * {@code rowsCount} and {@code globalId} header props adjusted). Records are cut before {@code maxRecordBytes}
 * of entries so each stays under the producer's request size; transaction begin/end entries are not published.
 */
final class CanalPacketEncoder implements RecordEncoder {

    private static final int PACKET_OVERHEAD = 64;

    private record Target(String topic, int partition) {
    }

    private final RecordHeadersFactory headers;
    private final int maxRecordBytes;

    CanalPacketEncoder(RecordHeadersFactory headers, int maxRecordBytes) {
        this.headers = headers;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void encode(long batchId, List<RecordPart> parts, Consumer<ProducerRecord<byte[], byte[]>> sink) {
        Map<Target, List<RecordPart>> groups = new LinkedHashMap<>();
        for (RecordPart part : parts) {
            groups.computeIfAbsent(new Target(part.topic(), part.partition()), t -> new ArrayList<>()).add(part);
        }
        groups.forEach((target, group) -> chunk(batchId, target, group, sink));
    }

    private void chunk(long batchId, Target target, List<RecordPart> group, Consumer<ProducerRecord<byte[], byte[]>> out) {
        Messages.Builder body = Messages.newBuilder().setBatchId(batchId);
        RecordPart first = null;
        int size = PACKET_OVERHEAD;
        for (RecordPart part : group) {
            ByteString entry = entryBytes(part);
            int entrySize = entry.size() + 8;
            if (first != null && size + entrySize > maxRecordBytes) {
                out.accept(record(target, first, body));
                body = Messages.newBuilder().setBatchId(batchId);
                first = null;
                size = PACKET_OVERHEAD;
            }
            first = first == null ? part : first;
            body.addMessages(entry);
            size += entrySize;
        }
        if (first != null) {
            out.accept(record(target, first, body));
        }
    }

    private ProducerRecord<byte[], byte[]> record(Target target, RecordPart first, Messages.Builder body) {
        byte[] value = Packet.newBuilder().setVersion(1).setType(PacketType.MESSAGES)
                .setCompression(Compression.NONE).setBody(body.build().toByteString()).build().toByteArray();
        return new ProducerRecord<>(target.topic(), target.partition(), null, null, value, headers.of(first));
    }

    private static ByteString entryBytes(RecordPart part) {
        Entry entry = part.entry().event().entry();
        if (part.rows() == null) {
            return entry.toByteString();
        }
        RowChange change = part.entry().change();
        RowChange.Builder subset = change.toBuilder().clearRowDatas();
        for (int row : part.rows()) {
            subset.addRowDatas(change.getRowDatas(row));
        }
        return entry.toBuilder().setHeader(header(entry.getHeader(), part))
                .setStoreValue(subset.build().toByteString()).build().toByteString();
    }

    private static Header header(Header header, RecordPart part) {
        Header.Builder b = header.toBuilder().clearProps();
        for (Pair p : header.getPropsList()) {
            String value = switch (p.getKey()) {
                case "rowsCount" -> Integer.toString(part.rows().length);
                case "globalId" -> Long.toString(part.firstGlobalId());
                default -> p.getValue();
            };
            b.addProps(Pair.newBuilder().setKey(p.getKey()).setValue(value));
        }
        return b.build();
    }
}
