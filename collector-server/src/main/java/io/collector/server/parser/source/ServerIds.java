package io.collector.server.parser.source;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Default replica server ids. A destination that sets none registers as
 * {@code 1000 + CRC32(UTF-8 name) mod (2^31 - 1000)}: stable across restarts and servers (so a failover keeps
 * the id), at least 1000 (clear of the small ids sources usually have) and below 2^31. Two destinations
 * reading the same source under different names get different ids with near certainty; set
 * {@code collector.instance.source.server.id} when several collectors read one source under the same name.
 */
public final class ServerIds {

    /** Smallest derived id. */
    public static final long MIN_DERIVED = 1000;
    /** Derived ids are below this. */
    public static final long DERIVED_LIMIT = 1L << 31;

    private ServerIds() {
    }

    /** The derived server id of {@code destination}. */
    public static long forDestination(String destination) {
        CRC32 crc = new CRC32();
        crc.update(destination.getBytes(StandardCharsets.UTF_8));
        return MIN_DERIVED + crc.getValue() % (DERIVED_LIMIT - MIN_DERIVED);
    }
}
