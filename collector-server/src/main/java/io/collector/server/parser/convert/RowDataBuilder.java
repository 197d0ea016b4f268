package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.google.protobuf.ByteString;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.error.SourceException;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.parser.schema.TableSchema;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Builds Canal {@link RowData} from the raw rows of one table, as canal-types.md §3 says: INSERT has after
 * columns all {@code updated=true}, DELETE before columns all {@code updated=false}, UPDATE both, an after column
 * being {@code updated} when its value changed (NULL↔non-NULL or different text) or the before image lacks it.
 * Column fields are set in Canal's order (index, sqlType, name, isKey, updated, isNull, value when not NULL,
 * mysqlType); {@code length} is never set. Columns absent from an image (minimal row image) are skipped.
 * <p>
 * Create one per TABLE_MAP event (it resolves the column names and types once) and use it for the rows events
 * that follow. Immutable and thread-safe.
 */
public final class RowDataBuilder {

    private final ValueConverter converter;
    private final ColumnSchema[] columns;
    private final byte[] types;
    private final int[] metadata;
    private final ByteString[] names;
    private final ByteString[] mysqlTypes;
    private final CellEncoding cells;

    /**
     * @param table          the table's columns as they were when the rows were written
     * @param columnTypes    {@link TableMapEventData#getColumnTypes()}
     * @param columnMetadata {@link TableMapEventData#getColumnMetadata()}
     * @throws SourceException if the schema and the TABLE_MAP disagree on the number of columns
     */
    public RowDataBuilder(ValueConverter converter, TableSchema table, byte[] columnTypes, int[] columnMetadata) {
        if (table.columns().size() != columnTypes.length || columnMetadata.length != columnTypes.length) {
            throw new SourceException("Table " + table.qualifiedName() + " has " + table.columns().size()
                + " columns in the schema but " + columnTypes.length + " in the binlog's TABLE_MAP event");
        }
        this.converter = converter;
        this.columns = table.columns().toArray(new ColumnSchema[0]);
        this.types = columnTypes.clone();
        this.metadata = columnMetadata.clone();
        this.names = new ByteString[columns.length];
        this.mysqlTypes = new ByteString[columns.length];
        int[] nullSqlTypes = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            names[i] = ByteString.copyFromUtf8(columns[i].name());
            mysqlTypes[i] = ByteString.copyFromUtf8(columns[i].columnType());
            nullSqlTypes[i] = converter.convert(null, columns[i], types[i] & 0xFF, metadata[i]).sqlType();
        }
        this.cells = new CellEncoding(columns, nullSqlTypes);
    }

    /** Same as the constructor, with the types and metadata of {@code tableMap}. */
    public static RowDataBuilder of(ValueConverter converter, TableSchema table, TableMapEventData tableMap) {
        return new RowDataBuilder(converter, table, tableMap.getColumnTypes(), tableMap.getColumnMetadata());
    }

    /** One inserted row: {@code includedColumns} and a row of a WRITE_ROWS event. */
    public RowData insert(BitSet includedColumns, Serializable[] row) {
        return RowData.newBuilder().addAllAfterColumns(image(includedColumns, row, true)).build();
    }

    /** One deleted row: {@code includedColumns} and a row of a DELETE_ROWS event. */
    public RowData delete(BitSet includedColumns, Serializable[] row) {
        return RowData.newBuilder().addAllBeforeColumns(image(includedColumns, row, false)).build();
    }

    /**
     * One updated row of an UPDATE_ROWS event: {@code getIncludedColumnsBeforeUpdate()} with the row's before
     * image, {@code getIncludedColumns()} with its after image.
     */
    public RowData update(BitSet includedBefore, Serializable[] before, BitSet includedAfter, Serializable[] after) {
        Value[] beforeValues = new Value[columns.length];
        Column[] beforeColumns = new Column[before.length];
        int present = 0;
        for (int i = includedBefore.nextSetBit(0); i >= 0; i = includedBefore.nextSetBit(i + 1), present++) {
            beforeValues[i] = convert(i, before[present]);
            beforeColumns[present] = column(i, beforeValues[i], false);
        }
        Column[] afterColumns = new Column[after.length];
        present = 0;
        for (int i = includedAfter.nextSetBit(0); i >= 0; i = includedAfter.nextSetBit(i + 1), present++) {
            Value value = convert(i, after[present]);
            afterColumns[present] = column(i, value, changed(beforeValues[i], value));
        }
        return RowData.newBuilder().addAllBeforeColumns(Arrays.asList(beforeColumns))
            .addAllAfterColumns(Arrays.asList(afterColumns)).build();
    }

    /** Records one inserted row in {@code out}: as {@link #insert}, without building the objects. */
    public void insert(BitSet includedColumns, Serializable[] row, RowChangeEncoder out) {
        out.beginRow();
        encodeImage(includedColumns, row, RowChangeEncoder.AFTER, true, out);
    }

    /** Records one deleted row in {@code out}: as {@link #delete}, without building the objects. */
    public void delete(BitSet includedColumns, Serializable[] row, RowChangeEncoder out) {
        out.beginRow();
        encodeImage(includedColumns, row, RowChangeEncoder.BEFORE, false, out);
    }

    /**
     * Records one updated row in {@code out}: as {@link #update}, without building the objects. Both images are
     * in column order, so each after cell is compared with the before cell of its column found on the way.
     */
    public void update(BitSet includedBefore, Serializable[] before, BitSet includedAfter, Serializable[] after,
                       RowChangeEncoder out) {
        out.beginRow();
        int beforeStart = out.cellCount();
        encodeImage(includedBefore, before, RowChangeEncoder.BEFORE, false, out);
        int beforeEnd = out.cellCount();
        int b = beforeStart;
        int present = 0;
        for (int i = includedAfter.nextSetBit(0); i >= 0; i = includedAfter.nextSetBit(i + 1), present++) {
            int k = encodeCell(RowChangeEncoder.AFTER, i, after[present], false, out);
            while (b < beforeEnd && out.column(b) < i) {
                b++;
            }
            out.updated(k, b == beforeEnd || out.column(b) != i || !out.sameValue(b, k));
        }
    }

    private void encodeImage(BitSet includedColumns, Serializable[] row, int field, boolean updated,
                             RowChangeEncoder out) {
        int present = 0;
        for (int i = includedColumns.nextSetBit(0); i >= 0; i = includedColumns.nextSetBit(i + 1), present++) {
            encodeCell(field, i, row[present], updated, out);
        }
    }

    /** Writes column {@code i}'s value into the encoder's text and records the cell; returns its number. */
    private int encodeCell(int field, int i, Serializable raw, boolean updated, RowChangeEncoder out) {
        checkColumn(i);
        TextBytes text = out.text();
        int start = text.length();
        int sqlType = converter.write(raw, columns[i], types[i] & 0xFF, metadata[i], text);
        return out.cell(field, i, sqlType, start, raw == null ? -1 : text.length() - start, updated);
    }

    /** The value-independent bytes of this table's Column messages, for {@link RowChangeEncoder}. */
    CellEncoding cells() {
        return cells;
    }

    private List<Column> image(BitSet includedColumns, Serializable[] row, boolean updated) {
        Column[] image = new Column[row.length];
        int present = 0;
        for (int i = includedColumns.nextSetBit(0); i >= 0; i = includedColumns.nextSetBit(i + 1), present++) {
            image[present] = column(i, convert(i, row[present]), updated);
        }
        return Arrays.asList(image);
    }

    private Value convert(int i, Serializable raw) {
        checkColumn(i);
        return converter.convert(raw, columns[i], types[i] & 0xFF, metadata[i]);
    }

    private void checkColumn(int i) {
        if (i >= columns.length) {
            throw new SourceException("Rows event names column " + i + " but the table has " + columns.length);
        }
    }

    private static boolean changed(Value before, Value after) {
        if (before == null) {
            return true;
        }
        if (before.isNull() || after.isNull()) {
            return before.isNull() != after.isNull();
        }
        return !before.text().equals(after.text());
    }

    private Column column(int i, Value value, boolean updated) {
        ColumnSchema schema = columns[i];
        Column.Builder builder = Column.newBuilder()
            .setIndex(schema.index())
            .setSqlType(value.sqlType())
            .setNameBytes(names[i])
            .setIsKey(schema.primaryKey())
            .setUpdated(updated)
            .setIsNull(value.isNull());
        if (!value.isNull()) {
            builder.setValue(value.text());
        }
        return builder.setMysqlTypeBytes(mysqlTypes[i]).build();
    }
}
