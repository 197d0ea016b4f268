package io.collector.server.parser.convert;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How {@link ValueConverter} departs from Canal's value forms where Canal's are traps.
 *
 * @param enumAsLabel   ENUM values as their label instead of Canal's 1-based index
 * @param setAsLabels   SET values as comma-joined labels instead of Canal's bitmask
 * @param timestampZone zone in which TIMESTAMP values are shown; Canal uses the JVM default zone
 */
public record ConvertOptions(boolean enumAsLabel, boolean setAsLabels, ZoneId timestampZone) {

    public ConvertOptions {
        Objects.requireNonNull(timestampZone, "timestampZone");
    }

    /** Canal's behaviour: ENUM index, SET bitmask, TIMESTAMP in the JVM's default zone (read now). */
    public static ConvertOptions canal() {
        return new ConvertOptions(false, false, ZoneId.systemDefault());
    }
}
