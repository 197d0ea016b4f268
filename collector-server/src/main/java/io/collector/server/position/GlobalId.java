package io.collector.server.position;

/**
 * The deterministic 64-bit id of an entry, computed from binlog coordinates only, so a replayed event gets
 * the same id after a restart or a failover.
 *
 * <pre>
 *  bit 63      : 0 (ids are positive)
 *  bits 62..43 : binlog file index, the numeric suffix of the file name (20 bits, up to 1,048,575)
 *  bits 42..11 : start offset of the event in that file (32 bits, up to 4 GiB)
 *  bits 10..0  : entry number within the event (11 bits, up to 2,047)
 * </pre>
 *
 * Row {@code i} of a rows entry has id {@code entryId + i}. That stays below the next event's id because
 * every row takes at least one byte of its event, so an event of {@code n} bytes has fewer than
 * {@code n × 2048} rows. Ids are therefore strictly increasing in binlog order and unique per row within
 * one source's binlog sequence. They are not comparable across sources whose file numbering differs.
 */
public final class GlobalId {

    public static final int SEQ_BITS = 11;
    public static final int OFFSET_BITS = 32;
    public static final int FILE_BITS = 20;
    public static final long MAX_FILE_INDEX = (1L << FILE_BITS) - 1;
    public static final long MAX_OFFSET = (1L << OFFSET_BITS) - 1;
    public static final int MAX_SEQ = (1 << SEQ_BITS) - 1;

    private GlobalId() {
    }

    /** The id of entry {@code seq} produced by the event starting at {@code offset} of file {@code fileIndex}. */
    public static long of(long fileIndex, long offset, int seq) {
        if (fileIndex < 0 || fileIndex > MAX_FILE_INDEX) {
            throw new IllegalArgumentException("binlog file index " + fileIndex + " outside [0, " + MAX_FILE_INDEX + "]");
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("binlog offset " + offset + " outside [0, " + MAX_OFFSET + "]");
        }
        if (seq < 0 || seq > MAX_SEQ) {
            throw new IllegalArgumentException("entry number " + seq + " outside [0, " + MAX_SEQ + "]");
        }
        return (fileIndex << (OFFSET_BITS + SEQ_BITS)) | (offset << SEQ_BITS) | seq;
    }

    public static long of(String journal, long offset, int seq) {
        return of(LogPosition.fileIndex(journal), offset, seq);
    }

    public static long fileIndex(long id) {
        return id >>> (OFFSET_BITS + SEQ_BITS);
    }

    public static long offset(long id) {
        return (id >>> SEQ_BITS) & MAX_OFFSET;
    }

    public static int seq(long id) {
        return (int) (id & MAX_SEQ);
    }
}
