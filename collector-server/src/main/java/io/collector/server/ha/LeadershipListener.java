package io.collector.server.ha;

/**
 * What the owner of a destination hears from its {@link DestinationElection}. Methods are called one at a time,
 * in order, on the election's own thread {@code collector-<destination>-election}, never on a ZooKeeper or
 * Curator thread; they should hand long work (starting or stopping a destination) to other threads or keep it
 * short, because the next event waits. {@link DestinationElection#hasLeadership()} turns false the moment the
 * connection is suspended, without waiting for this thread, so a delivery loop that checks it stops at once.
 */
public interface LeadershipListener {

    /**
     * This server leads the destination and its running znode is written: start it (reload its cursors first).
     * Leadership was checked just before this call.
     */
    void isLeader();

    /**
     * This server no longer leads the destination (released, stopped, session lost, or another server leads):
     * stop it. When a release or stop causes it, leadership is handed over only after this method returns.
     */
    void notLeader();

    /**
     * The ZooKeeper connection is suspended while leading: stop delivering and reading at once. Leadership may
     * come back with {@link #reconnected()} or end with {@link #notLeader()}.
     */
    void suspended();

    /** The connection came back within the session and this server still leads: delivery may resume. */
    void reconnected();
}
