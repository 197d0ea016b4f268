package io.collector.server.parser.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaHelpersTest {

    @Test
    void enumAndSetLabelsKeepCaseQuotesAndCommas() {
        assertThat(InformationSchema.labels("enum", "enum('Small','it''s','a,b')"))
                .containsExactly("Small", "it's", "a,b");
        assertThat(InformationSchema.labels("set", "set('x')")).containsExactly("x");
        assertThat(InformationSchema.labels("int", "int(11)")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "1, tinyint, true", "3, int, true", "3, bigint, false", "15, varchar, true", "15, varbinary, true",
        "254, char, true", "254, enum, false", "247, enum, true", "252, longtext, true", "252, json, true",
        "252, tinyblob, true", "255, point, true", "255, int, false", "18, datetime, true", "17, timestamp, true",
        "19, time, true", "246, decimal, true", "16, bit, true", "245, json, true"})
    void binlogTypesMatchInformationSchemaTypes(int binlogType, String dataType, boolean compatible) {
        assertThat(ColumnTypes.compatible(binlogType, dataType)).isEqualTo(compatible);
    }

    @Test
    void enumAndSetHideBehindStringWithTheRealTypeInTheMetadata() {
        assertThat(ColumnTypes.realType(ColumnTypes.STRING, (ColumnTypes.ENUM << 8) | 1)).isEqualTo(ColumnTypes.ENUM);
        assertThat(ColumnTypes.realType(ColumnTypes.STRING, (ColumnTypes.SET << 8) | 1)).isEqualTo(ColumnTypes.SET);
        assertThat(ColumnTypes.realType(ColumnTypes.STRING, (ColumnTypes.STRING << 8) | 40)).isEqualTo(ColumnTypes.STRING);
        assertThat(ColumnTypes.realType(ColumnTypes.LONG, 0)).isEqualTo(ColumnTypes.LONG);
    }

    @Test
    void typeNamesFromBinlogMetadataAlone() {
        assertThat(TypeNames.columnType(ColumnTypes.LONG, 0, true, List.of())).isEqualTo("int unsigned");
        assertThat(TypeNames.columnType(ColumnTypes.NEWDECIMAL, (10 << 8) | 2, false, List.of())).isEqualTo("decimal(10,2)");
        assertThat(TypeNames.columnType(ColumnTypes.DATETIME2, 3, false, List.of())).isEqualTo("datetime(3)");
        assertThat(TypeNames.columnType(ColumnTypes.BIT, (1 << 8) | 2, false, List.of())).isEqualTo("bit(10)");
        assertThat(TypeNames.columnType(ColumnTypes.ENUM, 0, false, List.of("a", "b'c"))).isEqualTo("enum('a','b''c')");
        assertThat(TypeNames.dataType(ColumnTypes.BLOB, 3, true)).isEqualTo("mediumtext");
        assertThat(TypeNames.dataType(ColumnTypes.BLOB, 1, false)).isEqualTo("tinyblob");
        assertThat(TypeNames.dataType(ColumnTypes.VARCHAR, 64, false)).isEqualTo("varbinary");
    }

    @Test
    void mysqlCharsetsMapToJavaCharsets() {
        assertThat(MysqlCharsets.javaName("utf8mb4")).isEqualTo("UTF-8");
        assertThat(MysqlCharsets.javaName("latin1")).isEqualTo("windows-1252");
        assertThat(MysqlCharsets.javaName("GBK")).isEqualTo("GBK");
        assertThat(MysqlCharsets.javaName("binary")).isNull();
        assertThat(MysqlCharsets.javaName(null)).isNull();
        assertThat(MysqlCharsets.javaName("no-such-charset")).isEqualTo("no-such-charset");
    }
}
