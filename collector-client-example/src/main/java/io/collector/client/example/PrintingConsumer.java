package io.collector.client.example;

import io.collector.client.ChangeRow;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.client.CollectorClientException;
import io.collector.client.Message;
import io.collector.client.StaleBatchException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sample consumer: connects, subscribes, then loops {@code getWithoutAck} → print one line per change
 * ({@link RowLineFormatter}) → {@code ack}, until stopped by Ctrl-C (a shutdown hook lets the current batch
 * finish, then closes the client). Transient errors (a reconnect, a timeout, a stale batch) are logged and the
 * loop goes on; other errors stop it with exit status 1. Run it with {@code bin/sample-consumer.sh}.
 *
 * <p>The loop runs on the thread calling {@link #run()}; {@link #stop()} may be called from any thread.
 */
public final class PrintingConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PrintingConsumer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ConsumerOptions options;
    private final PrintStream out;
    private final RowLineFormatter formatter = new RowLineFormatter();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean failed;
    private volatile CollectorClient client;

    /**
     * Creates a consumer.
     *
     * @param options where to connect and how much to take per batch
     * @param out     where the change lines go
     */
    public PrintingConsumer(ConsumerOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the sample: reads options from the arguments and system properties, consumes until Ctrl-C.
     * Exits with status 2 for bad options and 1 when the consumer stopped on an error.
     *
     * @param args options, see {@link ConsumerOptions#usage()}
     */
    public static void main(String[] args) {
        ConsumerOptions options;
        try {
            options = ConsumerOptions.parse(args, System.getProperties());
        } catch (IllegalArgumentException e) {
            boolean help = "help".equals(e.getMessage());
            System.err.println(help ? ConsumerOptions.usage() : e.getMessage() + System.lineSeparator()
                    + ConsumerOptions.usage());
            System.exit(help ? 0 : 2);
            return;
        }
        PrintingConsumer consumer = new PrintingConsumer(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(consumer::stop, "collector-sample-consumer-shutdown"));
        consumer.run();
        if (consumer.failed) {
            System.exit(1);
        }
    }

    /**
     * Consumes until {@link #stop()} or a non-retriable error. Never throws a {@link CollectorClientException};
     * it is logged and ends the loop.
     */
    @Override
    public void run() {
        try (CollectorClient opened = new CollectorClient(config())) {
            client = opened;
            opened.connect();
            opened.subscribe(options.filter());
            LOG.info("consuming destination {} from {}:{}", options.destination(), options.host(), options.port());
            while (running) {
                consumeOneBatch(opened);
            }
            LOG.info("stopped");
        } catch (CollectorClientException e) {
            failed = running;
            if (running) {
                LOG.error("stopped: {}", e.getMessage());
            }
        } finally {
            finished.countDown();
        }
    }

    /**
     * Asks the loop to stop after the current batch and waits for it (at most 5 s, then the client is closed
     * under it, and at most 5 s more). Called by the shutdown hook; keeps the interrupt flag if interrupted.
     */
    public void stop() {
        running = false;
        try {
            if (!finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                CollectorClient current = client;
                if (current != null) {
                    current.close();
                }
                finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void consumeOneBatch(CollectorClient opened) {
        try {
            Message message = opened.getWithoutAck(options.batchSize(), options.serverWait());
            for (ChangeRow row : message.rows()) {
                out.println(formatter.format(row));
            }
            out.flush();
            opened.ack(message.batchId());
        } catch (StaleBatchException e) {
            LOG.warn("{}", e.getMessage());
        } catch (CollectorClientException e) {
            if (!e.isRetriable() || !running) {
                throw e;
            }
            LOG.warn("{}; going on", e.getMessage());
        }
    }

    private CollectorClientConfig config() {
        return CollectorClientConfig.builder()
                .address(options.host(), options.port())
                .destination(options.destination())
                .user(options.user())
                .password(options.password())
                .build();
    }
}
