package io.collector.server.parser.ddl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionStatementTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "BEGIN | BEGIN",
        "begin work | BEGIN",
        "  BEGIN ; | BEGIN",
        "/* app */ BEGIN | BEGIN",
        "START TRANSACTION | BEGIN",
        "start transaction with consistent snapshot | BEGIN",
        "BEGIN NOT ATOMIC SELECT 1; END | NONE",
        "COMMIT | COMMIT",
        "commit work and no chain | COMMIT",
        "ROLLBACK | ROLLBACK",
        "ROLLBACK WORK | ROLLBACK",
        "ROLLBACK TO SAVEPOINT sp1 | ROLLBACK_TO_SAVEPOINT",
        "rollback work to sp1 | ROLLBACK_TO_SAVEPOINT",
        "SAVEPOINT sp1 | SAVEPOINT",
        "RELEASE SAVEPOINT sp1 | RELEASE_SAVEPOINT",
        "XA START 'xid1' | XA_START",
        "xa begin 'xid1','b',1 | XA_START",
        "XA END 'xid1' | XA_END",
        "XA PREPARE 'xid1' | XA_PREPARE",
        "XA COMMIT 'xid1' ONE PHASE | XA_COMMIT",
        "XA ROLLBACK 'xid1' | XA_ROLLBACK",
        "XA RECOVER | NONE",
        "START SLAVE | NONE",
        "CREATE TABLE t (id int) | NONE",
        "COMMITTED | NONE",
        "SELECT 'BEGIN' | NONE",
    })
    void recognises(String sql, TransactionStatement expected) {
        assertThat(TransactionStatement.of(sql)).isEqualTo(expected);
    }
}
