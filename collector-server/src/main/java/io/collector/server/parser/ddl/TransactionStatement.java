package io.collector.server.parser.ddl;

import java.util.Locale;

/** Transaction control statements a QUERY event can carry, recognised by {@link #of(String)}. */
public enum TransactionStatement {
    /** Not a transaction control statement. */
    NONE,
    /** {@code BEGIN [WORK]}, {@code START TRANSACTION}. */
    BEGIN,
    /** {@code COMMIT [WORK] ...}. */
    COMMIT,
    /** {@code ROLLBACK [WORK] ...} (not to a savepoint). */
    ROLLBACK,
    /** {@code SAVEPOINT name}. */
    SAVEPOINT,
    /** {@code ROLLBACK [WORK] TO [SAVEPOINT] name}: the transaction goes on. */
    ROLLBACK_TO_SAVEPOINT,
    /** {@code RELEASE SAVEPOINT name}. */
    RELEASE_SAVEPOINT,
    /** {@code XA START|BEGIN xid}. */
    XA_START,
    /** {@code XA END xid}. */
    XA_END,
    /** {@code XA PREPARE xid}. */
    XA_PREPARE,
    /** {@code XA COMMIT xid [ONE PHASE]}. */
    XA_COMMIT,
    /** {@code XA ROLLBACK xid}. */
    XA_ROLLBACK;

    /** Recognises {@code sql}, ignoring case, white space and comments; {@link #NONE} for anything else. */
    public static TransactionStatement of(String sql) {
        TokenCursor cursor = new TokenCursor(sql);
        SqlToken first = cursor.next();
        if (first.kind() != SqlToken.Kind.WORD) {
            return NONE;
        }
        return switch (first.text().toUpperCase(Locale.ROOT)) {
            case "BEGIN" -> isStatementEnd(cursor.peek()) || cursor.peek().is("WORK") ? BEGIN : NONE;
            case "START" -> cursor.peek().is("TRANSACTION") ? BEGIN : NONE;
            case "COMMIT" -> COMMIT;
            case "ROLLBACK" -> rollback(cursor);
            case "SAVEPOINT" -> SAVEPOINT;
            case "RELEASE" -> cursor.peek().is("SAVEPOINT") ? RELEASE_SAVEPOINT : NONE;
            case "XA" -> xa(cursor.next());
            default -> NONE;
        };
    }

    private static TransactionStatement rollback(TokenCursor cursor) {
        cursor.accept("WORK");
        return cursor.peek().is("TO") ? ROLLBACK_TO_SAVEPOINT : ROLLBACK;
    }

    private static TransactionStatement xa(SqlToken verb) {
        if (verb.kind() != SqlToken.Kind.WORD) {
            return NONE;
        }
        return switch (verb.text().toUpperCase(Locale.ROOT)) {
            case "START", "BEGIN" -> XA_START;
            case "END" -> XA_END;
            case "PREPARE" -> XA_PREPARE;
            case "COMMIT" -> XA_COMMIT;
            case "ROLLBACK" -> XA_ROLLBACK;
            default -> NONE;
        };
    }

    private static boolean isStatementEnd(SqlToken token) {
        return token.isEnd() || token.isSymbol(';');
    }
}
