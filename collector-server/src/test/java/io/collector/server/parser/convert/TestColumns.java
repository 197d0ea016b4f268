package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnSchema;

import java.util.List;

/** Column schemas for tests. */
final class TestColumns {

    private TestColumns() {
    }

    static ColumnSchema signed(String dataType) {
        return new ColumnSchema("c", 0, dataType, dataType, false, false, null, List.of());
    }

    static ColumnSchema unsigned(String dataType) {
        return new ColumnSchema("c", 0, dataType, dataType + " unsigned", true, false, null, List.of());
    }

    static ColumnSchema text(String dataType, String charset) {
        return new ColumnSchema("c", 0, dataType, dataType, false, false, charset, List.of());
    }

    static ColumnSchema labelled(String dataType, String... labels) {
        return new ColumnSchema("c", 0, dataType, dataType, false, false, "UTF-8", List.of(labels));
    }
}
