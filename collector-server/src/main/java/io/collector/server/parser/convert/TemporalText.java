package io.collector.server.parser.convert;

/**
 * Canal's text forms of temporal values: zero-padded fields, hours of a TIME in full when 100 or more, and a
 * fraction of exactly {@code fsp} digits (the six-digit microseconds cut to {@code fsp}).
 */
final class TemporalText {

    private static final int MAX_FSP = 6;

    private TemporalText() {
    }

    static String date(RawDate date) {
        StringBuilder out = new StringBuilder(10);
        appendDate(out, date.year(), date.month(), date.day());
        return out.toString();
    }

    static String time(RawTime time, int fsp) {
        StringBuilder out = new StringBuilder(17);
        if (time.negative()) {
            out.append('-');
        }
        appendHours(out, time.hours());
        out.append(':');
        appendTwoDigits(out, time.minutes());
        out.append(':');
        appendTwoDigits(out, time.seconds());
        appendFraction(out, time.micros(), fsp);
        return out.toString();
    }

    static String dateTime(RawDateTime value, int fsp) {
        StringBuilder out = new StringBuilder(26);
        appendDate(out, value.year(), value.month(), value.day());
        out.append(' ');
        appendClock(out, value.hour(), value.minute(), value.second());
        appendFraction(out, value.micros(), fsp);
        return out.toString();
    }

    static void appendDate(StringBuilder out, int year, int month, int day) {
        appendFourDigits(out, year);
        out.append('-');
        appendTwoDigits(out, month);
        out.append('-');
        appendTwoDigits(out, day);
    }

    static void appendClock(StringBuilder out, int hour, int minute, int second) {
        appendTwoDigits(out, hour);
        out.append(':');
        appendTwoDigits(out, minute);
        out.append(':');
        appendTwoDigits(out, second);
    }

    /** Hours of a TIME: at least two digits, all of them when 100 or more. */
    static void appendHours(StringBuilder out, int hours) {
        if (hours >= 100) {
            out.append(hours);
        } else {
            appendTwoDigits(out, hours);
        }
    }

    /** {@code .} and the first {@code fsp} digits of the zero-padded six-digit microseconds; nothing for fsp 0. */
    static void appendFraction(StringBuilder out, int micros, int fsp) {
        if (fsp <= 0) {
            return;
        }
        out.append('.');
        int divisor = 100000;
        for (int i = 0; i < Math.min(fsp, MAX_FSP); i++, divisor /= 10) {
            out.append((char) ('0' + micros / divisor % 10));
        }
    }

    static void appendTwoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10 % 10)).append((char) ('0' + value % 10));
    }

    static void appendFourDigits(StringBuilder out, int value) {
        if (value >= 10000) {
            out.append(value);
            return;
        }
        out.append((char) ('0' + value / 1000)).append((char) ('0' + value / 100 % 10));
        appendTwoDigits(out, value % 100);
    }
}
