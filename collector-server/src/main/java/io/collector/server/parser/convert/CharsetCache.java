package io.collector.server.parser.convert;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the Java charset names of {@code ColumnSchema#charset()} once each. A name the JVM does not support
 * falls back to UTF-8, which is what Canal uses for every column. The name asked last is answered without a
 * lookup: a table's text columns mostly share one charset, and one name instance. Thread-safe.
 */
final class CharsetCache {

    private final Map<String, Charset> charsets = new ConcurrentHashMap<>();
    /** Immutable, so a thread sees a name with its own charset. */
    private Resolved last = new Resolved(null, StandardCharsets.UTF_8);

    private record Resolved(String name, Charset charset) {
    }

    Charset forName(String name) {
        Resolved r = last;
        if (r.name() != name) {
            r = new Resolved(name, charsets.computeIfAbsent(name, CharsetCache::lookup));
            last = r;
        }
        return r.charset();
    }

    private static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
