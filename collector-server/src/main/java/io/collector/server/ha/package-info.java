/**
 * ZooKeeper high availability: several servers host the same destinations and exactly one runs each.
 *
 * <ul>
 *   <li>{@link io.collector.server.ha.ZkClients} builds the one {@code CuratorFramework} a server uses;</li>
 *   <li>{@link io.collector.server.ha.ServerRegistration} announces the server and the destinations it hosts in
 *       Canal's discovery znodes;</li>
 *   <li>{@link io.collector.server.ha.DestinationElection} elects the server that runs a destination and writes
 *       Canal's {@code running} znode ({@link io.collector.server.ha.RunningData});</li>
 *   <li>{@link io.collector.server.meta.ZooKeeperMetaManager} (package {@code meta}) keeps the cursors where the
 *       next leader finds them.</li>
 * </ul>
 *
 * <p>How an owner (the daemon) uses them for one destination:
 *
 * <ol>
 *   <li>build the meta manager with {@code mayWrite = destination -> election(destination).hasLeadership()}, so a
 *       server writes cursors only while it leads;</li>
 *   <li>{@code isLeader()}: {@code meta.reload(destination)}, check {@code election.hasLeadership()} again, start
 *       the destination from the reloaded cursor;</li>
 *   <li>before every delivery (and in the dump loop): {@code election.hasLeadership()}, which turns false the moment
 *       the connection is suspended;</li>
 *   <li>{@code suspended()}: stop delivering and reading, keep the state; {@code reconnected()}: resume;</li>
 *   <li>{@code notLeader()}: stop the destination. Cursor changes it had not written stay unwritten; the next
 *       leader delivers again what they covered (a {@link io.collector.server.error.FencedException} from the
 *       meta manager means the same: another server wrote first);</li>
 *   <li>to hand a destination over without redelivery: stop it, {@code meta.flush()}, then
 *       {@code election.release()}.</li>
 * </ol>
 *
 * <p>The znode layout is listed in {@link io.collector.server.ha.Znodes}.
 *
 * <p>It may import {@code meta} (the fencing token its epoch writes produce, {@link
 * io.collector.server.meta.Fence}), {@code lifecycle} and {@code error}, besides Curator, ZooKeeper and Jackson;
 * it knows nothing of {@code instance}, {@code parser} or the delivery packages: the composition root turns its
 * leadership callbacks into starts and stops.
 */
package io.collector.server.ha;
