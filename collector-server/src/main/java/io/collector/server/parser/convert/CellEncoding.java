package io.collector.server.parser.convert;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.collector.server.parser.schema.ColumnSchema;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Column message bytes that do not depend on the value, per column of one table, for
 * {@link RowChangeEncoder}: the fields before {@code updated} (index, sqlType, name, isKey) written once for the
 * sqlType the column's NULL reports, which is that of most of its values, and the mysqlType field that ends every
 * Column. A cell of another sqlType has those fields written one by one. Immutable.
 */
final class CellEncoding {

    private static final int INDEX = 1;
    private static final int SQL_TYPE = 2;
    private static final int NAME = 3;
    private static final int IS_KEY = 4;
    private static final int UPDATED = 5;
    private static final int IS_NULL = 6;
    private static final int VALUE = 8;
    private static final int MYSQL_TYPE = 10;

    private final ColumnSchema[] columns;
    private final ByteString[] names;
    private final int[] headSqlTypes;
    private final byte[][] heads;
    private final byte[][] tails;
    /** Per column, the encoded size of a Column's fields other than sqlType and value. */
    private final int[] fixedSizes;

    /** @param sqlTypes per column, the sqlType its heads are written for */
    CellEncoding(ColumnSchema[] columns, int[] sqlTypes) {
        this.columns = columns;
        this.names = new ByteString[columns.length];
        this.headSqlTypes = sqlTypes.clone();
        this.heads = new byte[columns.length][];
        this.tails = new byte[columns.length][];
        this.fixedSizes = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            names[i] = ByteString.copyFromUtf8(columns[i].name());
            ByteString mysqlType = ByteString.copyFromUtf8(columns[i].columnType());
            heads[i] = head(columns[i], names[i], sqlTypes[i]);
            tails[i] = serialized(CodedOutputStream.computeBytesSize(MYSQL_TYPE, mysqlType),
                out -> out.writeBytes(MYSQL_TYPE, mysqlType));
            fixedSizes[i] = CodedOutputStream.computeInt32Size(INDEX, columns[i].index())
                + CodedOutputStream.computeBytesSize(NAME, names[i])
                + 3 * CodedOutputStream.computeBoolSize(IS_KEY, false) + tails[i].length;
        }
    }

    /**
     * The encoded size of column {@code i}'s Column message with this sqlType and a value of {@code valueLength}
     * UTF-8 bytes (negative: NULL, no value).
     */
    int cellSize(int i, int sqlType, int valueLength) {
        int size = fixedSizes[i] + CodedOutputStream.computeInt32Size(SQL_TYPE, sqlType);
        return valueLength < 0 ? size
            : size + CodedOutputStream.computeTagSize(VALUE) + CodedOutputStream.computeUInt32SizeNoTag(valueLength)
                + valueLength;
    }

    /**
     * Writes column {@code i}'s Column message fields in the order {@link RowDataBuilder} sets them (index,
     * sqlType, name, isKey, updated, isNull, value when not NULL, mysqlType); the value is the {@code length}
     * UTF-8 bytes of {@code text} at {@code start}, none when {@code length} is negative (NULL).
     */
    void writeCell(ProtoWriter out, int i, int sqlType, byte[] text, int start, int length, boolean updated) {
        if (sqlType == headSqlTypes[i]) {
            out.raw(heads[i]);
        } else {
            out.int32(INDEX, columns[i].index());
            out.int32(SQL_TYPE, sqlType);
            out.bytes(NAME, names[i]);
            out.bool(IS_KEY, columns[i].primaryKey());
        }
        out.bool(UPDATED, updated);
        out.bool(IS_NULL, length < 0);
        if (length >= 0) {
            out.bytes(VALUE, text, start, length);
        }
        out.raw(tails[i]);
    }

    private static byte[] head(ColumnSchema column, ByteString name, int sqlType) {
        int size = CodedOutputStream.computeInt32Size(INDEX, column.index())
            + CodedOutputStream.computeInt32Size(SQL_TYPE, sqlType) + CodedOutputStream.computeBytesSize(NAME, name)
            + CodedOutputStream.computeBoolSize(IS_KEY, column.primaryKey());
        return serialized(size, out -> {
            out.writeInt32(INDEX, column.index());
            out.writeInt32(SQL_TYPE, sqlType);
            out.writeBytes(NAME, name);
            out.writeBool(IS_KEY, column.primaryKey());
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] serialized(int size, Fields fields) {
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("column fields miscounted", e);
        }
        return bytes;
    }
}
