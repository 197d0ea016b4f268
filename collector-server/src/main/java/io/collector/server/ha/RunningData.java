package io.collector.server.ha;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.error.CollectorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The content of {@code /otter/canal/destinations/{destination}/running}: Canal's {@code ServerRunningData}.
 * {@link #toJson()} writes exactly what Canal 1.1.8 writes (fastjson, keys sorted, null {@code cid} left out):
 * {@code {"active":true,"address":"10.0.0.1:11111"}}. {@link #parse} also reads Canal's older form with a
 * {@code cid}.
 *
 * @param active  always true while a server runs the destination
 * @param address the running server's {@code ip:port}, where clients connect
 */
@JsonPropertyOrder({"active", "address"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunningData(boolean active, String address) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public RunningData {
        Objects.requireNonNull(address, "address");
    }

    /** The data of a server that runs the destination. */
    public static RunningData active(String address) {
        return new RunningData(true, address);
    }

    /** Canal's JSON, UTF-8. */
    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + this, e);
        }
    }

    /** Reads Canal's JSON; content that is not such JSON gives a non-retriable error quoting it. */
    public static RunningData parse(byte[] json) {
        try {
            return MAPPER.readValue(json, RunningData.class);
        } catch (IOException | RuntimeException e) {
            throw new CollectorException("Not a running znode's JSON: \"" + new String(json, StandardCharsets.UTF_8)
                    + "\": " + e.getMessage(), false, e);
        }
    }
}
