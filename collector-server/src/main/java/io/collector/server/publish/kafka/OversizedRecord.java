package io.collector.server.publish.kafka;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.error.CollectorException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The error that stops a destination when Kafka refuses a record as too large (the producer's
 * {@code max.request.size} or {@code buffer.memory}, the broker's {@code message.max.bytes} or the topic's
 * {@code max.message.bytes}): retrying cannot help and skipping would lose the row, so it names the table, the
 * binlog position, the record's size and the settings to raise.
 */
final class OversizedRecord {

    /** A record Kafka refused and why. */
    record Refusal(ProducerRecord<byte[], byte[]> record, Throwable error) {
    }

    private OversizedRecord() {
    }

    /** A fatal error about {@code record} of {@code events}, refused with {@code error}. */
    static CollectorException error(String destination, ProducerRecord<byte[], byte[]> record,
                                    List<ChangeEvent> events, Throwable error) {
        String globalId = header(record, RecordHeadersFactory.GLOBAL_ID);
        return new CollectorException("[destination=" + destination + "] Kafka refused the record of " + table(events,
                globalId) + " at binlog position " + header(record, RecordHeadersFactory.POSITION) + " (globalId "
                + globalId + ", topic " + record.topic() + "): " + size(record) + " bytes; " + KafkaErrors.describe(error)
                + ". Raise kafka.max.request.size (and kafka.buffer.memory if smaller) and the broker's "
                + "message.max.bytes or the topic's max.message.bytes above that size, then restart the destination",
                false, error);
    }

    /** Key, value and header bytes of the record. */
    static long size(ProducerRecord<byte[], byte[]> record) {
        long size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private static String table(List<ChangeEvent> events, String globalId) {
        long id;
        try {
            id = Long.parseLong(globalId);
        } catch (NumberFormatException e) {
            return "an unknown table";
        }
        ChangeEvent match = null;
        for (ChangeEvent event : events) {
            if (event.globalId() <= id) {
                match = event;
            }
        }
        return match == null || match.qualifiedTable().equals(".") ? "an unknown table"
                : "table " + match.qualifiedTable();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
