package io.collector.server.net;

import com.google.protobuf.ByteString;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.server.net.handler.ClientPackets;
import java.nio.ByteBuffer;
import java.util.Random;

/** Random and mutated client frames for {@link NetFuzzIT}. */
final class FuzzFrames {

    /** The length of a truncated frame: less than that follows. */
    private static final int TRUNCATED_LENGTH = 1000;
    /** Packet types only the server sends. */
    private static final PacketType[] SERVER_TYPES = {PacketType.HANDSHAKE, PacketType.ACK, PacketType.MESSAGES};

    private FuzzFrames() {
    }

    /**
     * A frame body sent after authenticating: a valid request with random values, a packet type no client
     * sends, a bit-flipped request, random bytes, or a request out of order. The server answers or closes.
     */
    static byte[] tolerated(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> request(random).toByteArray();
            case 1 -> ClientPackets.packet(SERVER_TYPES[random.nextInt(SERVER_TYPES.length)],
                    ByteString.copyFrom(bytes(random, random.nextInt(64)))).toByteArray();
            case 2 -> flipped(random, request(random).toByteArray());
            case 3 -> bytes(random, 1 + random.nextInt(256));
            default -> ClientPackets.ack("fuzz", 1 + random.nextInt(1000)).toByteArray();
        };
    }

    /** What a connection sends last: {@code frames} frames, the last one refused; maybe truncated. */
    record Refused(byte[] bytes, int frames, boolean truncated) {
    }

    /**
     * Bytes the server must refuse with a close: before authentication a burst of random frames (garbage,
     * valid non-authentication packets, mutated authentications), then, as after authentication, an oversized
     * length, garbage, or a truncated frame.
     */
    static Refused refused(Random random, boolean beforeAuthentication) {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        int frames = 1;
        if (beforeAuthentication) {
            for (int i = random.nextInt(20); i > 0; i--) {
                frame(out, preAuthentication(random));
                frames++;
            }
        }
        int kind = random.nextInt(3);
        switch (kind) {
            case 0 -> out.putInt(0x0011_0000 + random.nextInt(Integer.MAX_VALUE - 0x0011_0000))
                    .put(bytes(random, random.nextInt(32)));
            case 1 -> out.put((byte) (0x40 + random.nextInt(0x40))).put(bytes(random, 3 + random.nextInt(512)));
            default -> out.putInt(TRUNCATED_LENGTH).put(bytes(random, random.nextInt(TRUNCATED_LENGTH)));
        }
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return new Refused(result, frames, kind == 2);
    }

    /** A frame body a client might send before authenticating; none of them authenticates. */
    private static byte[] preAuthentication(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> bytes(random, random.nextInt(128));
            case 1 -> request(random).toByteArray();
            case 2 -> flipped(random, ClientPackets.auth(ClientAuth.newBuilder().setUsername("fuzz")
                    .setPassword(ByteString.copyFromUtf8("00")).build()).toByteArray());
            default -> ClientPackets.packet(PacketType.CLIENTAUTHENTICATION,
                    ByteString.copyFrom(bytes(random, random.nextInt(64)))).toByteArray();
        };
    }

    private static Packet request(Random random) {
        String clientId = Integer.toString(random.nextInt(50));
        return switch (random.nextInt(5)) {
            case 0 -> ClientPackets.get("fuzz", clientId, random.nextInt(1000), -1, 2);
            case 1 -> ClientPackets.subscribe(random.nextBoolean() ? "fuzz" : "nowhere", clientId,
                    random.nextBoolean() ? "" : new String(bytes(random, random.nextInt(40)),
                            java.nio.charset.StandardCharsets.ISO_8859_1));
            case 2 -> ClientPackets.rollback("fuzz", random.nextInt(5) - 1);
            case 3 -> ClientPackets.unsubscribe("fuzz");
            default -> ClientPackets.ack("fuzz", random.nextLong());
        };
    }

    private static byte[] flipped(Random random, byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static void frame(ByteBuffer out, byte[] body) {
        out.putInt(body.length).put(body);
    }

    private static byte[] bytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
