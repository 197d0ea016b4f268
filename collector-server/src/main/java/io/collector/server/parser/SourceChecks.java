package io.collector.server.parser;

import io.collector.server.error.SourceException;
import io.collector.server.parser.source.SourceDatabase;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up checks of the source's binlog settings. */
final class SourceChecks {

    private static final Logger LOG = LoggerFactory.getLogger(SourceChecks.class);

    private SourceChecks() {
    }

    /**
     * Fails unless the binlog is on and in ROW format; warns when row images are partial (MINIMAL or NOBLOB
     * images leave unchanged columns out of update and delete entries).
     */
    static void check(SourceDatabase db, ParserConfig config) {
        String where = db.address();
        String logBin = db.variable("log_bin").orElse("OFF");
        if (!logBin.equalsIgnoreCase("ON") && !logBin.equals("1")) {
            throw new SourceException("[destination=" + config.destination() + "] the binary log is off on " + where
                    + " (log_bin=" + logBin + "); start the source with log_bin enabled and binlog_format=ROW");
        }
        String format = db.variable("binlog_format").orElse("").toUpperCase(Locale.ROOT);
        if (!format.equals("ROW")) {
            throw new SourceException("[destination=" + config.destination() + "] binlog_format is " + format + " on "
                    + where + "; the collector needs ROW. Run SET GLOBAL binlog_format='ROW' and set it in the"
                    + " server's configuration file, then restart this destination");
        }
        checkRowValueOptions(db, config, where);
        checkEventPositions(db, config, where);
        logChecksum(db, config, where);
        String image = db.variable("binlog_row_image").orElse("FULL").toUpperCase(Locale.ROOT);
        if (!image.equals("FULL")) {
            LOG.warn("[destination={}] binlog_row_image is {} on {}: update and delete entries will lack the"
                    + " columns the source leaves out of the row image; set binlog_row_image=FULL for complete rows",
                    config.destination(), image, where);
        }
    }

    /**
     * MySQL's {@code binlog_row_value_options=PARTIAL_JSON} writes updates of JSON columns as diffs
     * (PARTIAL_UPDATE_ROWS events), which cannot become whole rows: refuse before streaming instead of failing
     * at the first such update.
     */
    private static void checkRowValueOptions(SourceDatabase db, ParserConfig config, String where) {
        String options = db.variable("binlog_row_value_options").orElse("").toUpperCase(Locale.ROOT);
        if (options.contains("PARTIAL_JSON")) {
            throw new SourceException("[destination=" + config.destination() + "] binlog_row_value_options is "
                    + options + " on " + where + ": updates of JSON columns are written as partial diffs, which the"
                    + " collector cannot turn into whole rows. Run SET GLOBAL binlog_row_value_options='' and set it"
                    + " in the server's configuration file, then restart this destination");
        }
    }

    /**
     * MariaDB 11.4+ writes end_log_pos 0 in events of a transaction unless {@code binlog_legacy_event_pos=ON};
     * the collector needs every event's position (restart points, globalIds).
     */
    private static void checkEventPositions(SourceDatabase db, ParserConfig config, String where) {
        String legacy = db.variable("binlog_legacy_event_pos").orElse("ON").toUpperCase(Locale.ROOT);
        if (!legacy.equals("ON") && !legacy.equals("1")) {
            throw new SourceException("[destination=" + config.destination() + "] binlog_legacy_event_pos is "
                    + legacy + " on " + where + ": events inside transactions carry no binlog position"
                    + " (end_log_pos 0), which the collector needs for restart points and globalIds. Run SET GLOBAL"
                    + " binlog_legacy_event_pos=ON and set it in the server's configuration file, then restart this"
                    + " destination");
        }
    }

    private static void logChecksum(SourceDatabase db, ParserConfig config, String where) {
        String checksum = db.variable("binlog_checksum").orElse("NONE").toUpperCase(Locale.ROOT);
        LOG.info("[destination={}] binlog_checksum is {} on {}{}", config.destination(), checksum, where,
                checksum.equals("CRC32") ? ": every event's CRC32 is verified" : ": events carry no checksum to verify");
    }
}
