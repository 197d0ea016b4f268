package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import com.google.protobuf.CodedInputStream;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.error.SourceException;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.parser.schema.TableSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static io.collector.server.parser.schema.ColumnTypes.LONG;
import static io.collector.server.parser.schema.ColumnTypes.TINY;
import static io.collector.server.parser.schema.ColumnTypes.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowDataBuilderTest {

    private static final TableSchema TABLE = new TableSchema("db", "t", List.of(
        new ColumnSchema("id", 0, "int", "int(11)", false, true, null, List.of()),
        new ColumnSchema("name", 1, "varchar", "varchar(64)", false, false, "UTF-8", List.of()),
        new ColumnSchema("age", 2, "tinyint", "tinyint(3) unsigned", true, false, null, List.of())));
    private static final byte[] TYPES = {LONG, VARCHAR, TINY};
    private static final int[] META = {0, 256, 0};

    private final RowDataBuilder builder = new RowDataBuilder(
        new ValueConverter(new ConvertOptions(false, false, ZoneOffset.UTC)), TABLE, TYPES, META);

    @Test
    void insertHasAfterColumnsAllUpdated() {
        RowData row = builder.insert(all(), row(1, "ann", -1));

        assertThat(row.getBeforeColumnsCount()).isZero();
        assertThat(row.getAfterColumnsList()).extracting(Column::getUpdated).containsOnly(true);
        assertThat(row.getAfterColumnsList()).extracting(Column::getValue).containsExactly("1", "ann", "255");
        assertThat(row.getAfterColumnsList()).extracting(Column::getSqlType).containsExactly(4, 12, 5);
        assertThat(row.getAfterColumnsList()).extracting(Column::getIsKey).containsExactly(true, false, false);
        assertThat(row.getAfterColumnsList()).extracting(Column::getMysqlType)
            .containsExactly("int(11)", "varchar(64)", "tinyint(3) unsigned");
        assertThat(row.getAfterColumnsList()).extracting(Column::getName).containsExactly("id", "name", "age");
        assertThat(row.getAfterColumnsList()).extracting(Column::getIndex).containsExactly(0, 1, 2);
    }

    @Test
    void deleteHasBeforeColumnsNoneUpdated() {
        RowData row = builder.delete(all(), row(1, "ann", 3));

        assertThat(row.getAfterColumnsCount()).isZero();
        assertThat(row.getBeforeColumnsList()).extracting(Column::getUpdated).containsOnly(false);
        assertThat(row.getBeforeColumnsList()).extracting(Column::getValue).containsExactly("1", "ann", "3");
    }

    @Test
    void updateFlagsChangedColumnsOnly() {
        RowData row = builder.update(all(), row(1, "ann", null), all(), row(1, "bob", 4));

        assertThat(row.getBeforeColumnsList()).extracting(Column::getUpdated).containsOnly(false);
        assertThat(row.getAfterColumnsList()).extracting(Column::getUpdated).containsExactly(false, true, true);
    }

    @Test
    void updateNullHandling() {
        RowData toNull = builder.update(all(), row(1, "ann", 5), all(), row(1, null, 5));
        RowData bothNull = builder.update(all(), row(1, null, null), all(), row(1, null, null));

        assertThat(toNull.getAfterColumnsList()).extracting(Column::getUpdated).containsExactly(false, true, false);
        assertThat(bothNull.getAfterColumnsList()).extracting(Column::getUpdated).containsOnly(false);
    }

    @Test
    void minimalImagesSkipAbsentColumnsAndCountThemUpdated() {
        BitSet keyOnly = bits(0);
        BitSet changed = bits(0, 2);
        RowData row = builder.update(keyOnly, row(1), changed, row(1, 9));

        assertThat(row.getBeforeColumnsList()).extracting(Column::getName).containsExactly("id");
        assertThat(row.getAfterColumnsList()).extracting(Column::getName).containsExactly("id", "age");
        assertThat(row.getAfterColumnsList()).extracting(Column::getIndex).containsExactly(0, 2);
        assertThat(row.getAfterColumnsList()).extracting(Column::getUpdated).containsExactly(false, true);
    }

    @Test
    void nullColumnHasIsNullAndNoValue() {
        Column column = builder.insert(all(), row(1, null, null)).getAfterColumns(1);

        assertThat(column.getIsNull()).isTrue();
        assertThat(column.hasValue()).isFalse();
        assertThat(column.getValue()).isEmpty();
        assertThat(column.getSqlType()).isEqualTo(12);
    }

    @Test
    void presentFieldsAreCanalsAndLengthIsNeverSet() throws IOException {
        Column value = builder.insert(all(), row(1, "ann", 3)).getAfterColumns(1);
        Column nullValue = builder.insert(all(), row(1, null, 3)).getAfterColumns(1);

        assertThat(fieldNumbers(value)).containsExactly(1, 2, 3, 4, 5, 6, 8, 10);
        assertThat(fieldNumbers(nullValue)).containsExactly(1, 2, 3, 4, 5, 6, 10);
        assertThat(value.hasIsNull()).isTrue();
        assertThat(value.getIsNull()).isFalse();
        assertThat(value.hasLength()).isFalse();
        assertThat(value.getPropsCount()).isZero();
    }

    @Test
    void schemaAndTableMapMustAgree() {
        ValueConverter converter = new ValueConverter(ConvertOptions.canal());

        assertThatThrownBy(() -> new RowDataBuilder(converter, TABLE, new byte[] {LONG}, new int[] {0}))
            .isInstanceOf(SourceException.class)
            .hasMessageContaining("db.t has 3 columns in the schema but 1");
    }

    private static List<Integer> fieldNumbers(Column column) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(column.toByteArray());
        List<Integer> fields = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            fields.add(tag >>> 3);
            in.skipField(tag);
        }
        return fields;
    }

    private static Serializable[] row(Object... values) {
        Serializable[] row = new Serializable[values.length];
        for (int i = 0; i < values.length; i++) {
            row[i] = values[i] instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (Serializable) values[i];
        }
        return row;
    }

    private static BitSet all() {
        return bits(0, 1, 2);
    }

    private static BitSet bits(int... indexes) {
        BitSet bits = new BitSet();
        for (int index : indexes) {
            bits.set(index);
        }
        return bits;
    }
}
