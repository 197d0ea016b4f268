package io.collector.server.entry;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * One entry as it travels from the parser through the sink and the store: the Canal entry itself, its
 * {@code globalId}, the binlog position of the event that produced it and the transaction boundary from
 * which reading restarts to reproduce everything after it.
 *
 * <p>An event holds its entry in one of three forms. <em>Encoded</em> ({@link #encoded(Entry, byte[], int, int,
 * long, LogPosition, LogPosition, boolean)}): the entry's protobuf bytes as the parser wrote them, which a GET
 * writes to the socket as they are (Canal's {@code rawEntry}), plus the entry's header as an object for the
 * filters; {@link #entry()} is a view on those bytes. <em>Serialized</em>: the entry object with its RowChange
 * as bytes. <em>Parsed</em>
 * ({@link #parsed}): the entry without its bytes plus the RowChange object the parser built, for a consumer that
 * reads rows in process (the Kafka FlatMessage publisher): it saves serializing every row on the parser's side
 * and parsing it again on the consumer's. The bytes of a parsed event are written on the first call to
 * {@link #entry()}.
 *
 * <p>{@link #size()} is what the store counts against its byte bound: the serialized size, or for a parsed
 * event an estimate of the heap its rows take, which is several times larger.
 */
public final class ChangeEvent {

    /** Heap estimate of a parsed row (RowData and its lists) and of a column (Column object, value String). */
    private static final int ROW_HEAP = 96;
    private static final int COLUMN_HEAP = 112;

    private final Entry shell;
    private final RowChange change;
    private final long globalId;
    private final LogPosition position;
    private final LogPosition restart;
    private final boolean ddl;
    private final int size;
    private final int valueOffset;
    private final int valueLength;
    private volatile Entry entry;
    private final byte[] encoded;
    private int rowCount = -1;

    /**
     * A serialized event.
     *
     * @param entry    the Canal entry
     * @param globalId see {@link io.collector.server.position.GlobalId}
     * @param position start of the event that produced the entry
     * @param restart  for a transaction end or a DDL: the position just after it; otherwise the start of the
     *                 transaction the entry belongs to
     * @param ddl      whether the entry is a DDL statement
     */
    public ChangeEvent(Entry entry, long globalId, LogPosition position, LogPosition restart, boolean ddl) {
        this(Objects.requireNonNull(entry, "entry"), null, null, -1, 0, globalId, position, restart, ddl);
        this.entry = entry;
    }

    private ChangeEvent(Entry shell, RowChange change, byte[] encoded, int valueOffset, int valueLength,
                        long globalId, LogPosition position, LogPosition restart, boolean ddl) {
        this.shell = shell;
        this.change = change;
        this.encoded = encoded;
        this.valueOffset = valueOffset;
        this.valueLength = valueLength;
        this.globalId = globalId;
        this.position = Objects.requireNonNull(position, "position");
        this.restart = Objects.requireNonNull(restart, "restart");
        this.ddl = ddl;
        this.size = encoded != null ? encoded.length
                : change == null ? shell.getSerializedSize() : shell.getSerializedSize() + heapEstimate(change);
    }

    /**
     * An encoded event: {@code bytes} is the whole entry serialized, its store value the {@code valueLength} bytes
     * at {@code valueOffset}; {@code shell} is the same entry without its store value. The event owns
     * {@code bytes} from now on.
     */
    public static ChangeEvent encoded(Entry shell, byte[] bytes, int valueOffset, int valueLength, long globalId,
                                      LogPosition position, LogPosition restart, boolean ddl) {
        Objects.checkFromIndexSize(valueOffset, valueLength, bytes.length);
        return new ChangeEvent(Objects.requireNonNull(shell, "shell"), null, bytes, valueOffset, valueLength,
                globalId, position, restart, ddl);
    }

    /**
     * A parsed event: {@code shell} is the entry without its store value, {@code change} the RowChange that
     * belongs there.
     */
    public static ChangeEvent parsed(Entry shell, RowChange change, long globalId, LogPosition position,
                                     LogPosition restart, boolean ddl) {
        return new ChangeEvent(Objects.requireNonNull(shell, "shell"), Objects.requireNonNull(change, "change"),
                null, -1, 0, globalId, position, restart, ddl);
    }

    /** The same event with another RowChange, in the same form. */
    public ChangeEvent withRowChange(RowChange replacement) {
        if (change != null) {
            return new ChangeEvent(shell, replacement, null, -1, 0, globalId, position, restart, ddl);
        }
        return new ChangeEvent(entry().toBuilder().setStoreValue(replacement.toByteString()).build(), globalId,
                position, restart, ddl);
    }

    /**
     * The whole Canal entry; for a parsed event, serialized on the first call; for an encoded event a view on its
     * bytes.
     */
    public Entry entry() {
        Entry e = entry;
        if (e == null) {
            e = shell.toBuilder().setStoreValue(change != null ? change.toByteString() : storeValue()).build();
            entry = e;
        }
        return e;
    }

    /**
     * The entry serialized, as a TCP client receives it: an encoded event's own bytes, which callers must not
     * modify; for the other forms written on each call (not kept, so the store's byte count stays true).
     */
    public byte[] encodedBytes() {
        return encoded != null ? encoded : entry().toByteArray();
    }

    /** An encoded event's store value, sharing its bytes. */
    private ByteString storeValue() {
        return UnsafeByteOperations.unsafeWrap(encoded, valueOffset, valueLength);
    }

    public Header header() {
        return shell.getHeader();
    }

    public EntryType entryType() {
        return shell.getEntryType();
    }

    public long globalId() {
        return globalId;
    }

    public LogPosition position() {
        return position;
    }

    public LogPosition restart() {
        return restart;
    }

    public boolean ddl() {
        return ddl;
    }

    /** Whether the event holds its RowChange parsed, so {@link #rowChange()} costs nothing. */
    public boolean isParsed() {
        return change != null;
    }

    /** What the store counts for this event, in bytes; fixed for the event's life. */
    public int size() {
        return size;
    }

    /** Whether a consumer that acknowledged up to here stands on a transaction boundary. */
    public boolean boundary() {
        return ddl || entryType() == EntryType.TRANSACTIONEND;
    }

    /** The cursor a consumer holds after acknowledging this event. */
    public Cursor cursor() {
        return new Cursor(restart, globalId);
    }

    /** The entry's schema and table as {@code schema.table}. */
    public String qualifiedTable() {
        return header().getSchemaName() + "." + header().getTableName();
    }

    /** Whether the entry carries rows (ROWDATA that is not DDL). */
    public boolean isRowData() {
        return entryType() == EntryType.ROWDATA && !ddl;
    }

    /**
     * The row count the parser wrote in a rows entry's header ({@code rowsCount}); 0 for other entries. Read from
     * the header once.
     */
    public int rowCount() {
        int count = rowCount;
        if (count < 0) {
            count = headerRowCount();
            rowCount = count;
        }
        return count;
    }

    private int headerRowCount() {
        if (!isRowData()) {
            return 0;
        }
        for (io.collector.protocol.EntryProtocol.Pair prop : header().getPropsList()) {
            if ("rowsCount".equals(prop.getKey())) {
                return Integer.parseInt(prop.getValue());
            }
        }
        return 0;
    }

    /**
     * The entry's RowChange; only for ROWDATA entries. A serialized event is parsed on each call, its values
     * aliasing the entry's bytes instead of copying them.
     */
    public RowChange rowChange() {
        if (change != null) {
            return change;
        }
        try {
            CodedInputStream in = (encoded != null ? storeValue() : shell.getStoreValue())
                    .newCodedInput();
            in.enableAliasing(true);
            return RowChange.parseFrom(in);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt RowChange in entry " + globalId, e);
        }
    }

    private static int heapEstimate(RowChange change) {
        long bytes = change.getSql().length();
        for (RowData row : change.getRowDatasList()) {
            bytes += ROW_HEAP + columnsHeap(row.getBeforeColumnsList()) + columnsHeap(row.getAfterColumnsList());
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long columnsHeap(List<Column> columns) {
        long bytes = 0;
        for (int i = 0, n = columns.size(); i < n; i++) {
            bytes += COLUMN_HEAP + columns.get(i).getValue().length();
        }
        return bytes;
    }

    /** Events are equal when they carry the same entry (in either form) at the same ids and positions. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeEvent other && globalId == other.globalId && ddl == other.ddl
                && position.equals(other.position) && restart.equals(other.restart) && entry().equals(other.entry());
    }

    @Override
    public int hashCode() {
        return Objects.hash(globalId, position, restart, ddl);
    }

    @Override
    public String toString() {
        return "ChangeEvent[globalId=" + globalId + ", type=" + entryType() + ", table=" + qualifiedTable()
                + ", position=" + position + ", restart=" + restart + ", ddl=" + ddl + ", parsed=" + isParsed() + "]";
    }
}
