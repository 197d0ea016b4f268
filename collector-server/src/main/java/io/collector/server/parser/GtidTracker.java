package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.GtidSet;
import com.github.shyiko.mysql.binlog.MariadbGtidSet;

/**
 * The GTID set executed up to the current event, in the source's own notation: MySQL {@code uuid:1-100},
 * MariaDB {@code domain-server-seq} per domain. Empty until the first GTID is seen when started without one.
 */
final class GtidTracker {

    private GtidSet set;
    private String text;
    private String current = "";

    GtidTracker(String initial) {
        text = initial == null ? "" : initial;
        if (!text.isEmpty()) {
            set = MariadbGtidSet.isMariaGtidSet(text) ? new MariadbGtidSet(text) : new GtidSet(text);
        }
    }

    /** Adds the GTID of a transaction that starts now. */
    void add(String gtid, boolean mariadb) {
        if (set == null) {
            set = mariadb ? new MariadbGtidSet("") : new GtidSet("");
        }
        set.add(gtid);
        current = gtid;
        text = set.toString();
    }

    /** The executed set including the current transaction. */
    String executed() {
        return text;
    }

    /** The GTID of the current transaction, "" if none. */
    String current() {
        return current;
    }
}
