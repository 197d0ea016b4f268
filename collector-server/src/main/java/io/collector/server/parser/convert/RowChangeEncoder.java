package io.collector.server.parser.convert;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import java.util.Arrays;

/**
 * Writes the Canal entry of one rows event straight into its protobuf bytes, without building a {@code Column},
 * {@code RowData} or {@code RowChange} object per cell and row: the bytes are the same as those of the entry
 * {@link RowDataBuilder} builds, serialized (fields in number order, the same fields set, see canal-types.md
 * §3–5). {@link RowDataBuilder} hands it the converted cells ({@link #beginRow}, {@link #cell}), their values written
 * as UTF-8 into one buffer ({@link #text()}); {@link #finish} sizes every nested message from the recorded cells,
 * then writes the entry in one exact-size array.
 *
 * <p>Reused from one event to the next; not thread-safe (the conversion thread owns it).
 */
public final class RowChangeEncoder {

    /** Field numbers of RowData's column lists, RowChange's fields and Entry's fields. */
    static final int BEFORE = 1;
    static final int AFTER = 2;
    private static final int ROW_CHANGE_TABLE_ID = 1;
    private static final int ROW_CHANGE_EVENT_TYPE = 2;
    private static final int ROW_CHANGE_IS_DDL = 10;
    private static final int ROW_CHANGE_ROW_DATAS = 12;
    private static final int ENTRY_HEADER = 1;
    private static final int ENTRY_TYPE = 2;
    private static final int ENTRY_STORE_VALUE = 3;

    /** Cells the arrays start with, and most they keep from one event to the next. */
    static final int INITIAL_CELLS = 64;
    static final int KEPT_CELLS = 1 << 16;
    /** Bytes of value text the buffer starts with, and most it keeps from one event to the next. */
    static final int INITIAL_TEXT = 1 << 14;
    static final int KEPT_TEXT = 1 << 20;

    private CellEncoding cells;
    private int cellCount;
    private int[] sqlTypes;
    private int[] columns;
    private int[] fields;
    private boolean[] updated;
    private int[] cellSizes;
    /** Where each cell's value lies in {@link #text}; length -1 for NULL. */
    private int[] textStarts;
    private int[] textLengths;
    private final TextBytes text = new TextBytes(INITIAL_TEXT);
    private int rowCount;
    private int[] rowEnds = new int[16];
    private int[] rowSizes = new int[16];

    /** The encoded entry: its bytes and where the store value (the RowChange) lies in them. */
    public record Encoded(Entry shell, byte[] bytes, int valueOffset, int valueLength) {

        /** The RowChange bytes, sharing the entry's array. */
        public ByteString storeValue() {
            return UnsafeByteOperations.unsafeWrap(bytes, valueOffset, valueLength);
        }
    }

    /**
     * Starts an event of {@code table}'s rows, forgetting the previous one. Arrays grown for an event of more
     * than {@link #KEPT_CELLS} cells are dropped, so one huge event does not hold their memory afterwards.
     */
    public void begin(RowDataBuilder table) {
        if (columns.length > KEPT_CELLS) {
            allocate(INITIAL_CELLS);
        }
        if (rowEnds.length > KEPT_CELLS) {
            rowEnds = new int[16];
            rowSizes = new int[16];
        }
        text.clear(KEPT_TEXT, INITIAL_TEXT);
        this.cells = table.cells();
        cellCount = 0;
        rowCount = 0;
    }

    public RowChangeEncoder() {
        allocate(INITIAL_CELLS);
    }

    private void allocate(int cells) {
        sqlTypes = new int[cells];
        columns = new int[cells];
        fields = new int[cells];
        updated = new boolean[cells];
        cellSizes = new int[cells];
        textStarts = new int[cells];
        textLengths = new int[cells];
    }

    /** Cells the arrays hold room for (for tests). */
    int capacity() {
        return columns.length;
    }

    /** Bytes the value text buffer holds room for (for tests). */
    int textCapacity() {
        return text.capacity();
    }

    /** Rows recorded since {@link #begin}. */
    public int rows() {
        return rowCount;
    }

    /** Ends the current row (if any) and starts another. */
    void beginRow() {
        if (rowCount == rowEnds.length) {
            rowEnds = Arrays.copyOf(rowEnds, rowCount * 2);
            rowSizes = Arrays.copyOf(rowSizes, rowCount * 2);
        }
        rowEnds[rowCount++] = cellCount;
    }

    /** The buffer a cell's value text is written into before {@link #cell} records it. */
    TextBytes text() {
        return text;
    }

    /** Cells recorded since {@link #begin}. */
    int cellCount() {
        return cellCount;
    }

    /**
     * One cell of the current row: column {@code column} of the table, in the {@link #BEFORE} or {@link #AFTER}
     * image, its value the {@code textLength} bytes of {@link #text()} from {@code textStart} (-1: NULL).
     *
     * @return the cell's number
     */
    int cell(int field, int column, int sqlType, int textStart, int textLength, boolean isUpdated) {
        if (cellCount == columns.length) {
            grow();
        }
        int k = cellCount++;
        sqlTypes[k] = sqlType;
        columns[k] = column;
        fields[k] = field;
        updated[k] = isUpdated;
        textStarts[k] = textStart;
        textLengths[k] = textLength;
        rowEnds[rowCount - 1] = cellCount;
        return k;
    }

    /** The column of cell {@code k}. */
    int column(int k) {
        return columns[k];
    }

    void updated(int k, boolean isUpdated) {
        updated[k] = isUpdated;
    }

    /**
     * Whether cells {@code a} and {@code b} hold the same value: both NULL, or the same text. Equal UTF-8 means
     * equal text: converted values never hold an unpaired surrogate (the only characters protobuf's encoding
     * does not keep apart), as the JDK's decoders replace malformed input.
     */
    boolean sameValue(int a, int b) {
        int aLength = textLengths[a];
        int bLength = textLengths[b];
        if (aLength < 0 || bLength < 0) {
            return aLength == bLength;
        }
        return text.same(textStarts[a], aLength, textStarts[b], bLength);
    }

    /**
     * Writes the entry: {@code header} (with its props complete), entry type ROWDATA, and as store value the
     * RowChange of the recorded rows with {@code tableId} and {@code eventType} ({@code isDdl} false).
     */
    public Encoded finish(Header header, long tableId, EventType eventType) {
        int valueSize = rowChangeSize(tableId, eventType);
        int headerSize = header.getSerializedSize();
        int prefix = CodedOutputStream.computeTagSize(ENTRY_HEADER) + CodedOutputStream.computeUInt32SizeNoTag(headerSize)
                + headerSize + CodedOutputStream.computeEnumSize(ENTRY_TYPE, EntryType.ROWDATA_VALUE)
                + CodedOutputStream.computeTagSize(ENTRY_STORE_VALUE) + CodedOutputStream.computeUInt32SizeNoTag(valueSize);
        byte[] bytes = new byte[prefix + valueSize];
        ProtoWriter out = new ProtoWriter(bytes);
        out.message(ENTRY_HEADER, header, headerSize);
        out.int32(ENTRY_TYPE, EntryType.ROWDATA_VALUE);
        out.lengthDelimited(ENTRY_STORE_VALUE, valueSize);
        writeRowChange(out, tableId, eventType);
        out.checkFull();
        Entry shell = Entry.newBuilder().setHeader(header).setEntryType(EntryType.ROWDATA).build();
        return new Encoded(shell, bytes, prefix, valueSize);
    }

    private int rowChangeSize(long tableId, EventType eventType) {
        int size = CodedOutputStream.computeInt64Size(ROW_CHANGE_TABLE_ID, tableId)
                + CodedOutputStream.computeEnumSize(ROW_CHANGE_EVENT_TYPE, eventType.getNumber())
                + CodedOutputStream.computeBoolSize(ROW_CHANGE_IS_DDL, false);
        int cell = 0;
        for (int r = 0; r < rowCount; r++) {
            int rowSize = 0;
            for (; cell < rowEnds[r]; cell++) {
                int c = cells.cellSize(columns[cell], sqlTypes[cell], textLengths[cell]);
                cellSizes[cell] = c;
                rowSize += CodedOutputStream.computeTagSize(fields[cell]) + CodedOutputStream.computeUInt32SizeNoTag(c) + c;
            }
            rowSizes[r] = rowSize;
            size += CodedOutputStream.computeTagSize(ROW_CHANGE_ROW_DATAS)
                    + CodedOutputStream.computeUInt32SizeNoTag(rowSize) + rowSize;
        }
        return size;
    }

    private void writeRowChange(ProtoWriter out, long tableId, EventType eventType) {
        out.int64(ROW_CHANGE_TABLE_ID, tableId);
        out.int32(ROW_CHANGE_EVENT_TYPE, eventType.getNumber());
        out.bool(ROW_CHANGE_IS_DDL, false);
        int cell = 0;
        for (int r = 0; r < rowCount; r++) {
            out.lengthDelimited(ROW_CHANGE_ROW_DATAS, rowSizes[r]);
            for (; cell < rowEnds[r]; cell++) {
                out.lengthDelimited(fields[cell], cellSizes[cell]);
                cells.writeCell(out, columns[cell], sqlTypes[cell], text.array(), textStarts[cell],
                        textLengths[cell], updated[cell]);
            }
        }
    }

    private void grow() {
        int n = columns.length * 2;
        sqlTypes = Arrays.copyOf(sqlTypes, n);
        columns = Arrays.copyOf(columns, n);
        fields = Arrays.copyOf(fields, n);
        updated = Arrays.copyOf(updated, n);
        cellSizes = Arrays.copyOf(cellSizes, n);
        textStarts = Arrays.copyOf(textStarts, n);
        textLengths = Arrays.copyOf(textLengths, n);
    }
}
