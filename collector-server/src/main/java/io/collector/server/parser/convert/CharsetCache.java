package io.collector.server.parser.convert;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the Java charset names of {@code ColumnSchema#charset()} once each. A name the JVM does not support
 * falls back to UTF-8, which is what Canal uses for every column.
 */
final class CharsetCache {

    private final Map<String, Charset> charsets = new ConcurrentHashMap<>();

    Charset forName(String name) {
        Charset charset = charsets.get(name);
        return charset != null ? charset : charsets.computeIfAbsent(name, CharsetCache::lookup);
    }

    private static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
