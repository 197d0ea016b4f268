package io.collector.server.parser;

import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.position.Cursor;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Work a parser does on its own thread after checking the source and before dumping the binlog: an initial
 * snapshot delivers the existing rows here and says where the binlog must then be read from.
 */
@FunctionalInterface
public interface StartStage {

    /** Nothing before the dump: the binlog starts where the consumers' cursor says. */
    StartStage NONE = (db, resumeFrom, running) -> new Begin(resumeFrom, resumeFrom.isPresent());

    /**
     * Where the dump begins.
     *
     * @param cursor   the cursor it starts from (empty: the configured start position)
     * @param resuming whether it continues what earlier runs read (so the stored schema history applies), false
     *                 when it starts afresh (a new snapshot: the schema is taken from the source at its position)
     */
    record Begin(Optional<Cursor> cursor, boolean resuming) {
    }

    /**
     * Runs before the dump.
     *
     * @param db         the parser's SQL connection to the source
     * @param resumeFrom where the destination's consumers stand, if anywhere
     * @param running    false once the parser is being stopped
     * @return where the dump begins
     * @throws InterruptedException when the parser is stopped while this waits for the store
     */
    Begin beforeDump(SourceDatabase db, Optional<Cursor> resumeFrom, BooleanSupplier running)
            throws InterruptedException;
}
