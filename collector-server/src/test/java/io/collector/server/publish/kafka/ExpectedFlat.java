package io.collector.server.publish.kafka;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FlatMessage (without {@code id} and {@code ts}) an entry's rows must give, computed from the entry as the
 * reference documents it, independently of the publisher's writer.
 */
final class ExpectedFlat {

    private ExpectedFlat() {
    }

    static List<Column> image(RowChange rc, int row) {
        RowData r = rc.getRowDatas(row);
        return rc.getEventType() == EventType.DELETE ? r.getBeforeColumnsList() : r.getAfterColumnsList();
    }

    static Map<String, Object> of(ChangeEvent e, RowChange rc, List<Integer> rows) {
        boolean dml = !e.ddl() && !rows.isEmpty();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", dml ? rows.stream().map(i -> (Object) Pipeline.image(image(rc, i))).toList() : null);
        m.put("database", e.entry().getHeader().getSchemaName());
        m.put("es", e.entry().getHeader().getExecuteTime());
        m.put("globalId", e.globalId() + (rows.isEmpty() ? 0 : rows.get(0)));
        m.put("gtid", e.entry().getHeader().getGtid());
        m.put("isDdl", e.ddl());
        m.put("mysqlType", dml ? types(image(rc, rows.get(rows.size() - 1)), false) : null);
        m.put("old", dml && rc.getEventType() == EventType.UPDATE ? old(rc, rows) : null);
        m.put("pkNames", dml ? pkNames(image(rc, rows.get(0))) : null);
        m.put("sql", rc.getSql());
        m.put("sqlType", dml ? types(image(rc, rows.get(rows.size() - 1)), true) : null);
        m.put("table", e.entry().getHeader().getTableName());
        m.put("type", rc.getEventType().name());
        return normalize(m);
    }

    private static List<Object> old(RowChange rc, List<Integer> rows) {
        List<Object> old = new ArrayList<>();
        for (int i : rows) {
            RowData r = rc.getRowDatas(i);
            Map<String, String> changed = new LinkedHashMap<>();
            for (Column before : r.getBeforeColumnsList()) {
                boolean updated = r.getAfterColumnsList().stream()
                        .anyMatch(a -> a.getName().equals(before.getName()) && a.getUpdated());
                if (updated) {
                    changed.put(before.getName(), before.getIsNull() ? null : before.getValue());
                }
            }
            old.add(changed);
        }
        return old;
    }

    private static Object pkNames(List<Column> image) {
        List<String> keys = image.stream().filter(Column::getIsKey).map(Column::getName).toList();
        return keys.isEmpty() ? null : keys;
    }

    private static Map<String, Object> types(List<Column> image, boolean sql) {
        Map<String, Object> m = new LinkedHashMap<>();
        image.forEach(c -> m.put(c.getName(), sql ? (Object) c.getSqlType() : c.getMysqlType()));
        return m;
    }

    /** Numbers as Jackson reads them back (int when they fit), so maps compare equal. */
    private static Map<String, Object> normalize(Map<String, Object> m) {
        for (String k : List.of("es", "globalId")) {
            long v = (Long) m.get(k);
            m.put(k, v == (int) v ? (Object) (int) v : (Object) v);
        }
        return m;
    }
}
