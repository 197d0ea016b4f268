package io.collector.server.parser.convert;

/**
 * Canal's text forms of temporal values: zero-padded fields, hours of a TIME in full when 100 or more, and a
 * fraction of exactly {@code fsp} digits (the six-digit microseconds cut to {@code fsp}). Written into a
 * {@link TextBytes}, or returned as a String.
 */
final class TemporalText {

    private static final int MAX_FSP = 6;
    private static final int MAX_LENGTH = 26;

    private TemporalText() {
    }

    static String date(RawDate date) {
        TextBytes out = new TextBytes(MAX_LENGTH);
        date(date, out);
        return out.textSince(0);
    }

    static String time(RawTime time, int fsp) {
        TextBytes out = new TextBytes(MAX_LENGTH);
        time(time, fsp, out);
        return out.textSince(0);
    }

    static String dateTime(RawDateTime value, int fsp) {
        TextBytes out = new TextBytes(MAX_LENGTH);
        dateTime(value, fsp, out);
        return out.textSince(0);
    }

    static void date(RawDate date, TextBytes out) {
        appendDate(out, date.year(), date.month(), date.day());
    }

    static void time(RawTime time, int fsp, TextBytes out) {
        if (time.negative()) {
            out.ascii('-');
        }
        appendHours(out, time.hours());
        out.ascii(':');
        appendTwoDigits(out, time.minutes());
        out.ascii(':');
        appendTwoDigits(out, time.seconds());
        appendFraction(out, time.micros(), fsp);
    }

    static void dateTime(RawDateTime value, int fsp, TextBytes out) {
        appendDate(out, value.year(), value.month(), value.day());
        out.ascii(' ');
        appendClock(out, value.hour(), value.minute(), value.second());
        appendFraction(out, value.micros(), fsp);
    }

    static void appendDate(TextBytes out, int year, int month, int day) {
        appendFourDigits(out, year);
        out.ascii('-');
        appendTwoDigits(out, month);
        out.ascii('-');
        appendTwoDigits(out, day);
    }

    static void appendClock(TextBytes out, int hour, int minute, int second) {
        appendTwoDigits(out, hour);
        out.ascii(':');
        appendTwoDigits(out, minute);
        out.ascii(':');
        appendTwoDigits(out, second);
    }

    /** Hours of a TIME: at least two digits, all of them when 100 or more. */
    static void appendHours(TextBytes out, int hours) {
        if (hours >= 100) {
            out.digits(hours);
        } else {
            appendTwoDigits(out, hours);
        }
    }

    /** {@code .} and the first {@code fsp} digits of the zero-padded six-digit microseconds; nothing for fsp 0. */
    static void appendFraction(TextBytes out, int micros, int fsp) {
        if (fsp <= 0) {
            return;
        }
        out.ascii('.');
        int divisor = 100000;
        for (int i = 0; i < Math.min(fsp, MAX_FSP); i++, divisor /= 10) {
            out.ascii((char) ('0' + micros / divisor % 10));
        }
    }

    static void appendTwoDigits(TextBytes out, int value) {
        out.ascii((char) ('0' + value / 10 % 10));
        out.ascii((char) ('0' + value % 10));
    }

    static void appendFourDigits(TextBytes out, int value) {
        if (value >= 10000) {
            out.digits(value);
            return;
        }
        out.ascii((char) ('0' + value / 1000));
        out.ascii((char) ('0' + value / 100 % 10));
        appendTwoDigits(out, value % 100);
    }
}
