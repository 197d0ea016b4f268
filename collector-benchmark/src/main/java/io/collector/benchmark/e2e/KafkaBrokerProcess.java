package io.collector.benchmark.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link KafkaBrokerMain} started as a separate JVM with this JVM's class path: the broker then has its own heap,
 * threads and CPU time, as in a deployment, rather than sharing the benchmark's. Its output goes to a log file.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final String bootstrap;
    private final Path log;

    private KafkaBrokerProcess(Process process, String bootstrap, Path log) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.log = log;
    }

    /** Starts the broker with {@code -Xmx heap} and waits until it announces its bootstrap address. */
    static KafkaBrokerProcess start(Path home, String heap) {
        try {
            Files.createDirectories(home);
            Path log = home.resolve("kafka.log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(List.of(java.toString(), "-Xms" + heap, "-Xmx" + heap,
                    "-Djava.io.tmpdir=" + home, "-cp", System.getProperty("java.class.path"),
                    KafkaBrokerMain.class.getName())).redirectErrorStream(true).start();
            String bootstrap = awaitBootstrap(p, log);
            return new KafkaBrokerProcess(p, bootstrap, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker process", e);
        }
    }

    /** Reads the process's output into {@code log} until the bootstrap line; the rest is copied by a thread. */
    private static String awaitBootstrap(Process p, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        // kills a broker that neither announces itself nor ends, so that the read below returns
        Thread watchdog = daemon("kafka-broker-start-watchdog", () -> {
            try {
                Thread.sleep(START_TIMEOUT.toMillis());
                p.destroyForcibly();
            } catch (InterruptedException announced) {
                Thread.currentThread().interrupt();
            }
        });
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            writer.write(line + "\n");
            if (line.startsWith(KafkaBrokerMain.BOOTSTRAP_PREFIX)) {
                writer.flush();
                copyRest(out, writer);
                watchdog.interrupt();
                return line.substring(KafkaBrokerMain.BOOTSTRAP_PREFIX.length()).trim();
            }
        }
        writer.close();
        p.destroyForcibly();
        throw new IllegalStateException("the Kafka broker process ended or did not announce its address within "
                + START_TIMEOUT + "; its output is in " + log);
    }

    private static void copyRest(BufferedReader out, java.io.Writer writer) {
        daemon("kafka-broker-output", () -> {
            try (writer; out) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    writer.write(line + "\n");
                }
            } catch (IOException e) {
                // the process ended or the log is gone: nothing left to copy
            }
        });
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    String bootstrapServers() {
        return bootstrap;
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU time of the broker process so far. */
    Duration cpuTime() {
        return ProcFs.cpuTime(process.pid());
    }

    /** Closes the broker's standard input, which shuts it down; kills it if it has not ended within 60 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the Kafka broker process did not stop within 60 s; see " + log);
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the Kafka broker process", e);
        }
    }
}
