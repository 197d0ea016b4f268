package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.GtidSet;
import com.github.shyiko.mysql.binlog.MariadbGtidSet;
import io.collector.protocol.EntryProtocol.Pair;
import java.util.List;

/**
 * The GTID set executed up to the current event, in the source's own notation: MySQL {@code uuid:1-100},
 * MariaDB {@code domain-server-seq} per domain. Empty until the first GTID is seen when started without one.
 */
final class GtidTracker {

    private GtidSet set;
    private String text;
    private String current = "";
    private List<Pair> props = List.of();

    GtidTracker(String initial) {
        text = initial == null ? "" : initial;
        if (!text.isEmpty()) {
            set = MariadbGtidSet.isMariaGtidSet(text) ? new MariadbGtidSet(text) : new GtidSet(text);
        }
    }

    /** Adds the GTID of a transaction that starts now, with the header props its entries carry. */
    void add(String gtid, boolean mariadb, List<Pair> currentProps) {
        if (set == null) {
            set = mariadb ? new MariadbGtidSet("") : new GtidSet("");
        }
        set.add(gtid);
        current = gtid;
        props = currentProps;
        text = mariadb ? set.toString() : mysqlText(set);
    }

    /** MySQL's own spelling: a one-transaction interval is {@code uuid:23}, not the connector's {@code uuid:23-23}. */
    static String mysqlText(GtidSet set) {
        StringBuilder sb = new StringBuilder();
        for (GtidSet.UUIDSet uuidSet : set.getUUIDSets()) {
            sb.append(sb.length() == 0 ? "" : ",").append(uuidSet.getUUID());
            for (GtidSet.Interval i : uuidSet.getIntervals()) {
                sb.append(':').append(i.getStart());
                if (i.getEnd() != i.getStart()) {
                    sb.append('-').append(i.getEnd());
                }
            }
        }
        return sb.toString();
    }

    /** The executed set including the current transaction. */
    String executed() {
        return text;
    }

    /** Header props of the current transaction: Canal's {@code curtGtid}, {@code curtGtidSn}, {@code curtGtidLct} (MySQL). */
    List<Pair> props() {
        return props;
    }

    /** The GTID of the current transaction, "" if none. */
    String current() {
        return current;
    }
}
