/**
 * The TCP delivery server, wire-compatible with Alibaba Canal 1.1.x clients.
 *
 * <p>{@link io.collector.server.net.CollectorTcpServer} is the bootstrap, {@link
 * io.collector.server.net.CollectorChannelInitializer} builds each connection's pipeline (immediate ACKs where the OS
 * offers them, 4-byte length framing, protobuf packets, idle timeout, dispatcher), and the handlers of {@code net.handler} serve one packet type
 * each, on a per-connection lane of a bounded pool so a blocking GET never holds an event loop.
 *
 * <p>Where we differ from Canal's server, on purpose:
 * <ul>
 *   <li>a failed authentication closes the connection after its error ACK;</li>
 *   <li>one connection at a time per (destination, client id): another one's SUBSCRIPTION, GET or CLIENTACK
 *       answers {@code ACK{400, "... is in use by ..."}} and its CLIENTROLLBACK is ignored (a Canal client
 *       rolls back as soon as it connects, which must not disturb the live session);</li>
 *   <li>a CLIENTROLLBACK for an unknown destination is ignored like one for a client not subscribed, so the
 *       client's next SUBSCRIPTION gets its own {@code ACK{401}};</li>
 *   <li>when a connection closes, the batches it took and did not acknowledge are rolled back at once, and a
 *       GET still waiting for entries is interrupted.</li>
 * </ul>
 *
 * <p>It may import {@code net.handler} (the handlers and settings its pipeline is built from), {@code
 * service}, {@code lifecycle} and the generated packets; {@code net.handler} never imports {@code net}.
 */
package io.collector.server.net;
