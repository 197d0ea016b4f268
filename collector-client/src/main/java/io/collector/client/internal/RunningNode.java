package io.collector.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Canal's {@code /otter/canal/destinations/{destination}/running} znode, written (EPHEMERAL) by the server
 * that runs the destination: JSON {@code {"active":true,"address":"ip:port"}}, possibly with more fields
 * (for example {@code cid}), which are ignored.
 */
final class RunningNode {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningNode() {
    }

    /** The znode's path for a destination, relative to the connect string's chroot. */
    static String path(String destination) {
        return "/otter/canal/destinations/" + destination + "/running";
    }

    /**
     * Reads the running server's address.
     *
     * @param data the znode's content
     * @return the address, unresolved; empty when the node says {@code "active":false}
     * @throws IllegalArgumentException saying why the content is not usable
     */
    static Optional<InetSocketAddress> parse(byte[] data) {
        JsonNode node = tree(data);
        JsonNode active = node.get("active");
        if (active != null && active.isBoolean() && !active.booleanValue()) {
            return Optional.empty();
        }
        JsonNode address = node.get("address");
        if (address == null || !address.isTextual()) {
            throw new IllegalArgumentException("no \"address\" text field in " + show(data));
        }
        return Optional.of(address(address.textValue()));
    }

    /** Parses {@code host:port}; an IPv6 host may be bracketed. */
    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon).trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = colon < 0 ? -1 : port(text.substring(colon + 1).trim());
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("address \"" + text + "\" is not host:port");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static JsonNode tree(byte[] data) {
        try {
            JsonNode node = data == null ? null : JSON.readTree(data);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object: " + show(data));
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + show(data), e);
        }
    }

    private static String show(byte[] data) {
        if (data == null) {
            return "no data";
        }
        String text = new String(data, StandardCharsets.UTF_8);
        return "\"" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + "\"";
    }
}
