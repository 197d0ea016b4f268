package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.Packet;

/**
 * Handles one packet type. Runs on the session's request lane, one request at a time, never on an event
 * loop, so it may block. It replies through the session, or not at all where Canal does not (ack,
 * rollback).
 *
 * <p>A {@link io.collector.server.service.CollectorServiceException} it throws becomes an error ACK with that
 * code; an unparseable body closes the connection after an error ACK.
 */
@FunctionalInterface
public interface PacketHandler {

    void handle(Session session, Packet packet) throws InvalidProtocolBufferException;
}
