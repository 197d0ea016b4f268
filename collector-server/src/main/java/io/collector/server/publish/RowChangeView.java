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
        // a column takes at least about 16 bytes (index, SQL type, name, flags, value)
        RowChangeView view = new RowChangeView(buf, length / 16 + 8);
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

    private void readColumn(ColumnTable table, int pos, int end) {
        int c = table.add();
        while (pos < end) {
            long tag = varint(pos);
            pos = next;
            int field = (int) (tag >>> 3);
            int wire = (int) tag & 7;
            if (wire == 2 && (field == C_NAME || field == C_VALUE || field == C_MYSQL_TYPE)) {
                int length = (int) varint(pos);
                table.text(c, field == C_NAME ? ColumnTable.NAME : field == C_VALUE ? ColumnTable.VALUE
                        : ColumnTable.MYSQL_TYPE, next, length);
                pos = next + length;
            } else if (wire == 0 && field >= C_INDEX && field <= C_IS_NULL) {
                table.number(c, field, varint(pos));
                pos = next;
            } else {
                pos = skip(pos, wire);
            }
        }
        checkEnd(pos, end);
    }

    private long varint(int pos) {
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
        private static final int INDEX = 6;
        private static final int SQL_TYPE = 7;
        private static final int FLAGS = 8;
        private static final int STRIDE = 9;
        private static final int KEY = 1;
        private static final int UPDATED = 2;
        private static final int NULL = 4;

        private int[] cells;
        private int size;

        private ColumnTable(int capacity) {
            cells = new int[STRIDE * capacity];
        }

        private int add() {
            if ((size + 1) * STRIDE > cells.length) {
                cells = Arrays.copyOf(cells, cells.length * 2);
            }
            int c = size++;
            int k = c * STRIDE;
            Arrays.fill(cells, k, k + STRIDE, 0);
            cells[k + NAME] = -1;
            cells[k + VALUE] = -1;
            cells[k + MYSQL_TYPE] = -1;
            return c;
        }

        private void text(int c, int which, int offset, int length) {
            cells[c * STRIDE + which] = offset;
            cells[c * STRIDE + which + 1] = length;
        }

        private void number(int c, int field, long value) {
            int k = c * STRIDE;
            switch (field) {
                case C_INDEX -> cells[k + INDEX] = (int) value;
                case C_SQL_TYPE -> cells[k + SQL_TYPE] = (int) value;
                default -> {
                    int bit = field == C_IS_KEY ? KEY : field == C_UPDATED ? UPDATED : NULL;
                    cells[k + FLAGS] = value != 0 ? cells[k + FLAGS] | bit : cells[k + FLAGS] & ~bit;
                }
            }
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
