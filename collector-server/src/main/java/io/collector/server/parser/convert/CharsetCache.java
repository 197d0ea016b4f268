package io.collector.server.parser.convert;

import io.collector.server.error.PoisonEventException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the Java charset names of {@code ColumnSchema#charset()} once each. A name the JVM does not support
 * is an error naming the column and the charset: decoding with another charset would deliver wrong text. The
 * name asked last is answered without a lookup: a table's text columns mostly share one charset, and one name
 * instance. Thread-safe.
 */
final class CharsetCache {

    private final Map<String, Charset> charsets = new ConcurrentHashMap<>();
    /** Immutable, so a thread sees a name with its own charset. */
    private Resolved last = new Resolved(null, StandardCharsets.UTF_8);

    private record Resolved(String name, Charset charset) {
    }

    /**
     * The charset {@code name} of column {@code column}.
     *
     * @throws PoisonEventException when this JVM cannot decode it
     */
    Charset forName(String name, String column) {
        Resolved r = last;
        if (r.name() != name) {
            Charset charset = charsets.get(name);
            if (charset == null) {
                charset = lookup(name, column);
                charsets.put(name, charset);
            }
            r = new Resolved(name, charset);
            last = r;
        }
        return r.charset();
    }

    private static Charset lookup(String name, String column) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("column " + column + " has charset " + name + ", which this JVM cannot"
                    + " decode; run the collector on a JDK with that charset (the full JDK, not a reduced runtime"
                    + " image) or convert the column on the source to a charset such as utf8mb4", e);
        }
    }
}
