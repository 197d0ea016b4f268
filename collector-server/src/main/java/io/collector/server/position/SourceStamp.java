package io.collector.server.position;

import java.util.Objects;

/**
 * Which server a binlog position belongs to, so coordinates of one server are never read on another.
 *
 * @param address       {@code host:port} the position was read from (the address a destination reconnects to)
 * @param serverId      the server's {@code @@server_id}; 0 = unknown (a cursor written before sources were recorded)
 * @param serverUuid    MySQL's {@code @@server_uuid}, "" for MariaDB (which has none)
 * @param binlogCreated creation time (ms) of the position's binlog file, from its FORMAT_DESCRIPTION event;
 *                      0 = unknown. A file of the same name with another creation time was written after a
 *                      {@code RESET MASTER}, so the position no longer points into the binlog it was read from.
 * @param fileShift     added to the binlog file index in every {@link GlobalId} read from this server, so ids keep
 *                      increasing within a destination after it moved to another server (0 on the first one)
 */
public record SourceStamp(String address, long serverId, String serverUuid, long binlogCreated, long fileShift) {

    /** A position whose source was not recorded. */
    public static final SourceStamp UNKNOWN = new SourceStamp("", 0, "", 0, 0);

    public SourceStamp {
        address = address == null ? "" : address;
        serverUuid = serverUuid == null ? "" : serverUuid;
    }

    /** The identity of a server, as read when connecting; no binlog file and no id shift yet. */
    public static SourceStamp identity(String address, long serverId, String serverUuid) {
        return new SourceStamp(address, serverId, serverUuid, 0, 0);
    }

    /** Whether the source was recorded. */
    public boolean known() {
        return serverId != 0 || !serverUuid.isEmpty();
    }

    /** Whether {@code other} is the same server: same server id and (MySQL) the same server uuid. */
    public boolean sameServer(SourceStamp other) {
        return serverId == other.serverId && serverUuid.equals(other.serverUuid);
    }

    public SourceStamp withBinlogCreated(long created) {
        return new SourceStamp(address, serverId, serverUuid, created, fileShift);
    }

    public SourceStamp withFileShift(long shift) {
        return new SourceStamp(address, serverId, serverUuid, binlogCreated, shift);
    }

    public SourceStamp withAddress(String newAddress) {
        return new SourceStamp(newAddress, serverId, serverUuid, binlogCreated, fileShift);
    }

    /** {@code host:port (server_id N[, uuid U])}, for messages. */
    public String describe() {
        return (address.isEmpty() ? "?" : address) + " (server_id " + serverId
                + (serverUuid.isEmpty() ? "" : ", server_uuid " + serverUuid) + ")";
    }
}
