/**
 * One client connection of the TCP server: its {@link io.collector.server.net.handler.Session}
 * (authentication state, request lane, limits), the frame decoder, the idle timeout, and one small handler per
 * Canal packet type, picked from a map by the {@link io.collector.server.net.handler.PacketDispatcher}; and the
 * settings they obey ({@link io.collector.server.net.handler.NetConfig}, {@link
 * io.collector.server.net.handler.NetLimits}, {@link io.collector.server.net.handler.NetTls}). It may import
 * {@code service} (the API requests go to), {@code entry}, {@code error} and the {@code io.collector.protocol}
 * packets and scramble, never {@code net} itself, which builds the pipeline from it.
 */
package io.collector.server.net.handler;
