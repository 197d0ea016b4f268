package io.collector.server.net.compat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.TransactionBegin;
import io.collector.protocol.EntryProtocol.TransactionEnd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field of an entry as a client's getters see it, the store value decoded by entry type: two entries
 * with equal views carry the same data even if one of them went through a proto3 reader, which drops fields
 * holding their default value.
 */
final class EntryFields {

    private EntryFields() {
    }

    static Map<String, Object> of(Entry entry) {
        Map<String, Object> fields = fields(entry);
        fields.put("storeValue", storeValue(entry));
        return fields;
    }

    static List<Map<String, Object>> of(List<Entry> entries) {
        return entries.stream().map(EntryFields::of).toList();
    }

    private static Map<String, Object> fields(Message message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            fields.put(field.getName(), value(field, message.getField(field)));
        }
        return fields;
    }

    private static Object value(FieldDescriptor field, Object value) {
        if (field.isRepeated()) {
            List<Object> values = new ArrayList<>();
            for (Object element : (List<?>) value) {
                values.add(single(element));
            }
            return values;
        }
        return single(value);
    }

    private static Object single(Object value) {
        if (value instanceof Message message) {
            return fields(message);
        }
        if (value instanceof ByteString bytes) {
            return bytes.toStringUtf8();
        }
        return String.valueOf(value);
    }

    private static Object storeValue(Entry entry) {
        try {
            return switch (entry.getEntryType()) {
                case ROWDATA -> fields(RowChange.parseFrom(entry.getStoreValue()));
                case TRANSACTIONBEGIN -> fields(TransactionBegin.parseFrom(entry.getStoreValue()));
                case TRANSACTIONEND -> fields(TransactionEnd.parseFrom(entry.getStoreValue()));
                default -> entry.getStoreValue().toStringUtf8();
            };
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("unreadable store value of " + entry.getHeader(), e);
        }
    }
}
