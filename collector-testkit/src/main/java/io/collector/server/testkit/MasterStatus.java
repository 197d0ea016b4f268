package io.collector.server.testkit;

/**
 * The server's current binary log coordinates, as reported by {@code SHOW MASTER STATUS}.
 *
 * @param file     binary log file name, e.g. {@code mysql-bin.000001}
 * @param position byte offset of the next event in that file
 */
public record MasterStatus(String file, long position) {

    @Override
    public String toString() {
        return file + ":" + position;
    }
}
