package io.collector.server.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A serialized Canal {@code RowChange} read in place: one pass over its bytes records where each row's columns
 * and their fields lie, without a {@code Column}, {@code RowData} or {@code String} object per cell. Publishers
 * read the rows through it and copy values straight from the bytes. Fields may come in any order and unknown
 * fields are skipped, as protobuf does; a singular field given twice keeps its last value.
 *
 * <p>A column is addressed by its {@link #beforeColumns before} or {@link #columns data-image} table index.
 * Not thread-safe.
 */
public final class RowChangeView {

    /** Protobuf field numbers of RowChange, RowData and Column (entry.proto). */
    private static final int RC_EVENT_TYPE = 2;
    private static final int RC_IS_DDL = 10;
    private static final int RC_SQL = 11;
    private static final int RC_ROW_DATAS = 12;
    private static final int RD_BEFORE = 1;
    private static final int RD_AFTER = 2;
    private static final int C_INDEX = 1;
    private static final int C_SQL_TYPE = 2;
    private static final int C_NAME = 3;
    private static final int C_IS_KEY = 4;
    private static final int C_UPDATED = 5;
    private static final int C_IS_NULL = 6;
    private static final int C_VALUE = 8;
    private static final int C_MYSQL_TYPE = 10;
    private static final int EVENT_TYPE_UPDATE = 2;

    private final byte[] buf;
    private int eventType = EVENT_TYPE_UPDATE;
    private boolean ddl;
    private int sqlOffset = -1;
    private int sqlLength;
    private final ColumnTable before;
    private final ColumnTable after;
    /** Per row: the first before column, the first after column; then one past the last of each. */
    private int[] rowBounds = new int[16];
    private int rows;
    /** Where the last {@link #varint} ended. */
    private int next;

    private RowChangeView(byte[] buf, int cells) {
        this.buf = buf;
        this.before = new ColumnTable(cells);
        this.after = new ColumnTable(cells);
    }

    /** The RowChange in {@code length} bytes of {@code buf} from {@code offset}; {@code buf} must not change. */
    public static RowChangeView of(byte[] buf, int offset, int length) {
        // a column takes about 24 bytes or more (index, SQL type, name, flags, value, MySQL type); an image
        // holds its table only once it has a column, grown from there if this is too few
        RowChangeView view = new RowChangeView(buf, length / 24 + 8);
        view.read(offset, offset + length);
        return view;
    }

    /** The bytes the view reads. */
    public byte[] bytes() {
        return buf;
    }

    public int eventTypeNumber() {
        return eventType;
    }

    public boolean isDdl() {
        return ddl;
    }

    public String sql() {
        return sqlOffset < 0 ? "" : new String(buf, sqlOffset, sqlLength, StandardCharsets.UTF_8);
    }

    public int rowCount() {
        return rows;
    }

    /** The columns of every row's after-image. */
    public ColumnTable after() {
        return after;
    }

    /** The columns of every row's before-image. */
    public ColumnTable before() {
        return before;
    }

    public int afterStart(int row) {
        return rowBounds[row * 4 + 1];
    }

    public int afterEnd(int row) {
        return rowBounds[row * 4 + 3];
    }

    public int beforeStart(int row) {
        return rowBounds[row * 4];
    }

    public int beforeEnd(int row) {
        return rowBounds[row * 4 + 2];
    }

    private void read(int pos, int end) {
        while (pos < end) {
            long tag = varint(pos);
            pos = next;
            int field = (int) (tag >>> 3);
            int wire = (int) tag & 7;
            if (field == RC_ROW_DATAS && wire == 2) {
                int length = (int) varint(pos);
                int start = next;
                readRow(start, start + length);
                pos = start + length;
            } else if (field == RC_SQL && wire == 2) {
                sqlLength = (int) varint(pos);
                sqlOffset = next;
                pos = next + sqlLength;
            } else if (field == RC_EVENT_TYPE && wire == 0) {
                eventType = (int) varint(pos);
                pos = next;
            } else if (field == RC_IS_DDL && wire == 0) {
                ddl = varint(pos) != 0;
                pos = next;
            } else {
                pos = skip(pos, wire);
            }
        }
        checkEnd(pos, end);
    }

    private void readRow(int pos, int end) {
        if ((rows + 1) * 4 > rowBounds.length) {
            rowBounds = Arrays.copyOf(rowBounds, rowBounds.length * 2);
        }
        int k = rows++ * 4;
        rowBounds[k] = before.size;
        rowBounds[k + 1] = after.size;
        while (pos < end) {
            long tag = varint(pos);
            pos = next;
            int field = (int) (tag >>> 3);
            int wire = (int) tag & 7;
            if ((field == RD_BEFORE || field == RD_AFTER) && wire == 2) {
                int length = (int) varint(pos);
                int start = next;
                readColumn(field == RD_BEFORE ? before : after, start, start + length);
                pos = start + length;
            } else {
                pos = skip(pos, wire);
            }
        }
        checkEnd(pos, end);
        rowBounds[k + 2] = before.size;
        rowBounds[k + 3] = after.size;
    }

    /** Tags of the Column fields read, each one byte (field number below 16). */
    private static final int TAG_INDEX = C_INDEX << 3;
    private static final int TAG_SQL_TYPE = C_SQL_TYPE << 3;
    private static final int TAG_NAME = C_NAME << 3 | 2;
    private static final int TAG_IS_KEY = C_IS_KEY << 3;
    private static final int TAG_UPDATED = C_UPDATED << 3;
    private static final int TAG_IS_NULL = C_IS_NULL << 3;
    private static final int TAG_VALUE = C_VALUE << 3 | 2;
    private static final int TAG_MYSQL_TYPE = C_MYSQL_TYPE << 3 | 2;

    private void readColumn(ColumnTable table, int pos, int end) {
        int[] cells = table.add();
        int k = (table.size - 1) * ColumnTable.STRIDE;
        while (pos < end) {
            int tag = (int) varint(pos);
            pos = next;
            switch (tag) {
                case TAG_NAME, TAG_VALUE, TAG_MYSQL_TYPE -> {
                    int length = (int) varint(pos);
                    pos = next;
                    if (length < 0 || length > end - pos) {
                        throw new IllegalArgumentException("truncated RowChange");
                    }
                    int at = k + (tag == TAG_NAME ? ColumnTable.NAME : tag == TAG_VALUE ? ColumnTable.VALUE
                            : ColumnTable.MYSQL_TYPE);
                    cells[at] = pos;
                    cells[at + 1] = length;
                    pos += length;
                }
                case TAG_INDEX -> {
                    cells[k + ColumnTable.INDEX] = (int) varint(pos);
                    pos = next;
                }
                case TAG_SQL_TYPE -> {
                    cells[k + ColumnTable.SQL_TYPE] = (int) varint(pos);
                    pos = next;
                }
                case TAG_IS_KEY, TAG_UPDATED, TAG_IS_NULL -> {
                    int bit = tag == TAG_IS_KEY ? ColumnTable.KEY : tag == TAG_UPDATED ? ColumnTable.UPDATED
                            : ColumnTable.NULL;
                    cells[k + ColumnTable.FLAGS] = varint(pos) != 0 ? cells[k + ColumnTable.FLAGS] | bit
                            : cells[k + ColumnTable.FLAGS] & ~bit;
                    pos = next;
                }
                default -> pos = skip(pos, tag & 7);
            }
        }
        checkEnd(pos, end);
    }

    private long varint(int pos) {
        if (pos < buf.length && buf[pos] >= 0) {
            next = pos + 1;
            return buf[pos];
        }
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= buf.length) {
                throw new IllegalArgumentException("truncated RowChange");
            }
            byte b = buf[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                next = pos;
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint in RowChange");
    }

    private int skip(int pos, int wire) {
        return switch (wire) {
            case 0 -> {
                varint(pos);
                yield next;
            }
            case 1 -> pos + 8;
            case 2 -> {
                int length = (int) varint(pos);
                yield next + length;
            }
            case 5 -> pos + 4;
            default -> throw new IllegalArgumentException("unsupported wire type " + wire + " in RowChange");
        };
    }

    private static void checkEnd(int pos, int end) {
        if (pos != end) {
            throw new IllegalArgumentException("truncated RowChange");
        }
    }

    /** Whether the text at {@code offset} holds a character beyond the Basic Multilingual Plane (4 UTF-8 bytes). */
    static boolean hasSupplementary(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if ((bytes[i] & 0xF8) == 0xF0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The columns of one image of every row, as parallel entries of one int array: for each column the offset and
     * length of its name, value and MySQL type in the view's bytes (offset -1 when absent), its index, SQL type
     * and flags.
     */
    public static final class ColumnTable {

        static final int NAME = 0;
        static final int VALUE = 2;
        static final int MYSQL_TYPE = 4;
        static final int INDEX = 6;
        static final int SQL_TYPE = 7;
        static final int FLAGS = 8;
        static final int STRIDE = 9;
        static final int KEY = 1;
        static final int UPDATED = 2;
        static final int NULL = 4;

        private int[] cells = new int[0];
        private int size;
        private final int firstCapacity;

        private ColumnTable(int firstCapacity) {
            this.firstCapacity = firstCapacity;
        }

        /** Adds a column with no field set and returns the array it is in (at {@code (size - 1) * STRIDE}). */
        private int[] add() {
            if ((size + 1) * STRIDE > cells.length) {
                cells = Arrays.copyOf(cells, Math.max(cells.length * 2, firstCapacity * STRIDE));
            }
            int k = size++ * STRIDE;
            int[] a = cells;
            a[k + NAME] = -1;
            a[k + NAME + 1] = 0;
            a[k + VALUE] = -1;
            a[k + VALUE + 1] = 0;
            a[k + MYSQL_TYPE] = -1;
            a[k + MYSQL_TYPE + 1] = 0;
            a[k + INDEX] = 0;
            a[k + SQL_TYPE] = 0;
            a[k + FLAGS] = 0;
            return a;
        }

        public int nameOffset(int c) {
            return Math.max(0, cells[c * STRIDE + NAME]);
        }

        public int nameLength(int c) {
            return cells[c * STRIDE + NAME + 1];
        }

        public int valueOffset(int c) {
            return Math.max(0, cells[c * STRIDE + VALUE]);
        }

        public int valueLength(int c) {
            return cells[c * STRIDE + VALUE + 1];
        }

        public int mysqlTypeOffset(int c) {
            return Math.max(0, cells[c * STRIDE + MYSQL_TYPE]);
        }

        public int mysqlTypeLength(int c) {
            return cells[c * STRIDE + MYSQL_TYPE + 1];
        }

        public int index(int c) {
            return cells[c * STRIDE + INDEX];
        }

        public int sqlType(int c) {
            return cells[c * STRIDE + SQL_TYPE];
        }

        public boolean isKey(int c) {
            return (cells[c * STRIDE + FLAGS] & KEY) != 0;
        }

        public boolean updated(int c) {
            return (cells[c * STRIDE + FLAGS] & UPDATED) != 0;
        }

        public boolean isNull(int c) {
            return (cells[c * STRIDE + FLAGS] & NULL) != 0;
        }
    }
}
