package io.collector.server.ha;

import io.collector.server.meta.Fence;
import java.util.regex.Pattern;
import org.apache.curator.utils.ZKPaths;

/**
 * The znodes of high availability. Canal's discovery znodes (Canal's cluster clients read them):
 *
 * <pre>
 * /otter/canal/cluster/{ip:port}                          EPHEMERAL  empty      every live server
 * /otter/canal/destinations/{destination}/cluster/{ip:port} EPHEMERAL  empty      servers hosting the destination
 * /otter/canal/destinations/{destination}/running          EPHEMERAL  {"active":true,"address":"ip:port"}
 *                                                                                 the server running it
 * </pre>
 *
 * and our election, a Curator {@code LeaderLatch} per destination (its children are the latch's
 * EPHEMERAL_SEQUENTIAL nodes, each holding the participant's server id {@code ip:port}):
 *
 * <pre>
 * /collector/election/{destination}
 * </pre>
 *
 * and the leaders' epochs, a PERSISTENT znode per destination written by every new leader (its data is the
 * leader's server id, its version the leader's {@link Fence}):
 *
 * <pre>
 * /collector/epoch/{destination}
 * </pre>
 *
 * All paths are relative to the client's namespace (chroot), if it has one; parents are PERSISTENT.
 */
public final class Znodes {

    public static final String SERVERS = "/otter/canal/cluster";
    public static final String DESTINATIONS = "/otter/canal/destinations";
    public static final String ELECTIONS = "/collector/election";
    public static final String EPOCHS = "/collector/epoch";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9_.:\\[\\]-]+:(\\d{1,5})");

    private Znodes() {
    }

    /** The znode announcing a live server. */
    public static String server(String serverId) {
        return ZKPaths.makePath(SERVERS, checkServerId(serverId));
    }

    /** The parent of the servers hosting {@code destination}. */
    public static String destinationServers(String destination) {
        return ZKPaths.makePath(DESTINATIONS, checkDestination(destination), "cluster");
    }

    /** The znode announcing that a server hosts {@code destination}. */
    public static String destinationServer(String destination, String serverId) {
        return ZKPaths.makePath(destinationServers(destination), checkServerId(serverId));
    }

    /** The znode naming the server that runs {@code destination}. */
    public static String running(String destination) {
        return ZKPaths.makePath(DESTINATIONS, checkDestination(destination), "running");
    }

    /** The leader latch of {@code destination}. */
    public static String election(String destination) {
        return ZKPaths.makePath(ELECTIONS, checkDestination(destination));
    }

    /** The epoch znode of {@code destination}: its version is the current leader's {@link Fence}. */
    public static String epoch(String destination) {
        return ZKPaths.makePath(EPOCHS, checkDestination(destination));
    }

    /** Returns {@code destination} if it can be a znode name, else throws {@link IllegalArgumentException}. */
    public static String checkDestination(String destination) {
        if (destination == null || !NAME.matcher(destination).matches() || destination.equals(".")
                || destination.equals("..")) {
            throw new IllegalArgumentException("destination name \"" + destination
                    + "\" cannot be a znode name: use letters, digits, '_', '-' and '.'");
        }
        return destination;
    }

    /** Returns {@code serverId} if it has the form {@code host:port}, else throws {@link IllegalArgumentException}. */
    public static String checkServerId(String serverId) {
        var matcher = serverId == null ? null : SERVER_ID.matcher(serverId);
        if (matcher == null || !matcher.matches() || Integer.parseInt(matcher.group(1)) < 1
                || Integer.parseInt(matcher.group(1)) > 65535) {
            throw new IllegalArgumentException("server id \"" + serverId
                    + "\" must be the address clients connect to, as ip:port (port 1-65535)");
        }
        return serverId;
    }
}
