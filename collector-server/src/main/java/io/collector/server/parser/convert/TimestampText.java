package io.collector.server.parser.convert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Shows TIMESTAMP values as the local date-time of their epoch second in one zone, as Canal does with
 * {@code java.sql.Timestamp#toString()} in the JVM's default zone; epoch second 0 is {@code 0000-00-00 00:00:00}.
 */
final class TimestampText {

    private static final int SECONDS_PER_DAY = 86400;

    private final ZoneRules rules;
    private final int fixedOffset;
    private final boolean fixed;

    TimestampText(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    }

    String format(RawTimestamp timestamp, int fsp) {
        TextBytes out = new TextBytes(26);
        format(timestamp, fsp, out);
        return out.textSince(0);
    }

    void format(RawTimestamp timestamp, int fsp, TextBytes out) {
        long seconds = timestamp.epochSecond();
        if (seconds == 0) {
            out.ascii("0000-00-00 00:00:00");
        } else {
            appendLocal(out, seconds + offsetAt(seconds));
        }
        TemporalText.appendFraction(out, timestamp.micros(), fsp);
    }

    private int offsetAt(long epochSecond) {
        return fixed ? fixedOffset : rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }

    private static void appendLocal(TextBytes out, long localSeconds) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(localSeconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(localSeconds, SECONDS_PER_DAY);
        TemporalText.appendDate(out, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        out.ascii(' ');
        TemporalText.appendClock(out, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
    }
}
