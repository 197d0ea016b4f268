package io.collector.server.parser.schema;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import io.collector.server.error.SourceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link TableSchema} from a TABLE_MAP event's FULL optional metadata. The metadata lists
 * charsets and labels per character, ENUM and SET column in table order; this class walks the columns
 * once and keeps one counter per list.
 */
public final class MetadataSchemaBuilder {

    private final TableMapEventData map;
    private final TableMapEventMetadata md;
    private final InformationSchema infoSchema;
    private final TableSchema current;
    private int character;
    private int enums;
    private int sets;

    /** @param current the table as the history (else information_schema) knows it, for type spellings */
    public MetadataSchemaBuilder(TableMapEventData map, InformationSchema infoSchema, TableSchema current) {
        this.map = map;
        this.md = map.getEventMetadata();
        this.infoSchema = infoSchema;
        this.current = current;
    }

    public TableSchema build() {
        List<String> names = md.getColumnNames();
        if (names.size() != map.getColumnTypes().length) {
            throw new SourceException("Table " + map.getDatabase() + "." + map.getTable() + ": TABLE_MAP lists "
                    + map.getColumnTypes().length + " column types but " + names.size() + " column names " + names);
        }
        Set<Integer> keys = primaryKeys();
        List<ColumnSchema> columns = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            columns.add(column(i, names.get(i), keys.contains(i)));
        }
        return new TableSchema(map.getDatabase(), map.getTable(), columns);
    }

    private Set<Integer> primaryKeys() {
        Set<Integer> keys = new HashSet<>();
        if (md.getSimplePrimaryKeys() != null) {
            keys.addAll(md.getSimplePrimaryKeys());
        }
        if (md.getPrimaryKeysWithPrefix() != null) {
            keys.addAll(md.getPrimaryKeysWithPrefix().keySet());
        }
        return keys;
    }

    private ColumnSchema column(int i, String name, boolean key) {
        int meta = map.getColumnMetadata()[i];
        int real = ColumnTypes.realType(map.getColumnTypes()[i] & 0xff, meta);
        // the connector maps the signedness bits onto column indexes
        boolean unsigned = ColumnTypes.numeric(real) && bit(md.getSignedness(), i);
        String charset = ColumnTypes.character(real) ? charset(character++) : null;
        List<String> labels = labels(real);
        ColumnSchema known = sameColumn(i, name, real);
        String dataType = known != null ? known.dataType() : TypeNames.dataType(real, meta, charset != null);
        String columnType = known != null ? known.columnType() : TypeNames.columnType(real, meta, unsigned, labels);
        return new ColumnSchema(name, i, dataType, columnType, unsigned, key, charset, labels);
    }

    private ColumnSchema sameColumn(int i, String name, int real) {
        if (i >= current.columns().size()) {
            return null;
        }
        ColumnSchema c = current.column(i);
        return c.name().equalsIgnoreCase(name) && ColumnTypes.compatible(real, c.dataType()) ? c : null;
    }

    private List<String> labels(int real) {
        if (real == ColumnTypes.ENUM && md.getEnumStrValues() != null && enums < md.getEnumStrValues().size()) {
            return Arrays.asList(md.getEnumStrValues().get(enums++));
        }
        if (real == ColumnTypes.SET && md.getSetStrValues() != null && sets < md.getSetStrValues().size()) {
            return Arrays.asList(md.getSetStrValues().get(sets++));
        }
        return List.of();
    }

    private String charset(int characterIndex) {
        Integer collation = collation(characterIndex);
        String name = collation == null ? null : infoSchema.charsetOfCollation(collation);
        return name == null ? "UTF-8" : MysqlCharsets.javaName(name);
    }

    private Integer collation(int characterIndex) {
        if (md.getColumnCharsets() != null && characterIndex < md.getColumnCharsets().size()) {
            return md.getColumnCharsets().get(characterIndex);
        }
        TableMapEventMetadata.DefaultCharset def = md.getDefaultCharset();
        if (def == null) {
            return null;
        }
        Map<Integer, Integer> overrides = def.getCharsetCollations();
        Integer specific = overrides == null ? null : overrides.get(characterIndex);
        return specific != null ? specific : def.getDefaultCharsetCollation();
    }

    private static boolean bit(BitSet bits, int index) {
        return bits != null && bits.get(index);
    }
}
