package io.collector.benchmark.e2e;

import io.collector.server.publish.kafka.KafkaTestCluster;
import java.io.IOException;
import java.io.InputStream;

/**
 * A one-node KRaft Kafka (the tests' {@link KafkaTestCluster}: combined broker and controller on free ports) as a
 * process of its own: prints {@value #BOOTSTRAP_PREFIX}{@code host:port} on standard output once the broker is
 * ready, and shuts the cluster down and exits when its standard input ends (so it also ends when the process
 * that started it dies).
 */
public final class KafkaBrokerMain {

    /** The start of the line that announces the bootstrap address. */
    public static final String BOOTSTRAP_PREFIX = "kafka bootstrap servers: ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            System.out.println(BOOTSTRAP_PREFIX + kafka.bootstrapServers());
            System.out.flush();
            awaitEndOfInput(System.in);
        } catch (IOException | RuntimeException e) {
            // the cluster's threads would keep a failed JVM alive
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void awaitEndOfInput(InputStream in) throws IOException {
        byte[] skip = new byte[256];
        while (in.read(skip) >= 0) {
            // anything written is ignored; only the end of the stream matters
        }
    }
}
