package io.collector.server.net.handler;

import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.server.service.CollectorService;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The handler of each packet type a client may send: authentication before anything else, then
 * subscription, unsubscription, get, ack and rollback. Immutable and shared by all connections.
 */
public final class PacketHandlers {

    private final PacketHandler authentication;
    private final Map<PacketType, PacketHandler> requests;

    private PacketHandlers(PacketHandler authentication, Map<PacketType, PacketHandler> requests) {
        this.authentication = authentication;
        this.requests = requests;
    }

    /** The handlers of Canal's client packets, over {@code service}. */
    public static PacketHandlers canal(NetConfig config, CollectorService service) {
        Map<PacketType, PacketHandler> requests = new EnumMap<>(PacketType.class);
        requests.put(PacketType.SUBSCRIPTION, new SubscriptionHandler(service));
        requests.put(PacketType.UNSUBSCRIPTION, new UnsubscriptionHandler(service));
        requests.put(PacketType.GET, new GetHandler(service));
        requests.put(PacketType.CLIENTACK, new ClientAckHandler(service));
        requests.put(PacketType.CLIENTROLLBACK, new ClientRollbackHandler(service));
        return new PacketHandlers(new AuthenticationHandler(config, service), Map.copyOf(requests));
    }

    /** The handler of the first packet of a connection, which must be CLIENTAUTHENTICATION. */
    PacketHandler authentication() {
        return authentication;
    }

    /** The handler of a request after authentication; empty for types a client does not send. */
    Optional<PacketHandler> request(PacketType type) {
        return Optional.ofNullable(requests.get(type));
    }
}
