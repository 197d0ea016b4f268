package io.collector.server.service;

import io.collector.server.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link StandbyConsumerMain} in a JVM of its own, with what it printed: rows received, rows whose ack is durable. */
final class ConsumerProcess implements AutoCloseable {

    private final Process process;
    private final List<Integer> received = new ArrayList<>();
    private final Set<Integer> confirmed = new HashSet<>();
    private List<Integer> lastBatch = List.of();
    private boolean active;

    private ConsumerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "consumer-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ConsumerProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                StandbyConsumerMain.class.getName()));
        command.addAll(List.of(args));
        return new ConsumerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                parse(line);
            }
        } catch (IOException e) {
            // the process was killed
        }
    }

    private synchronized void parse(String line) {
        if (line.equals("ACTIVE")) {
            active = true;
        } else if (line.equals("CONFIRMED")) {
            confirmed.addAll(lastBatch);
        } else if (line.startsWith("GOT ")) {
            String ids = line.substring(4).trim();
            lastBatch = ids.isEmpty() ? List.of()
                    : List.of(ids.split(",")).stream().map(Integer::parseInt).toList();
            received.addAll(lastBatch);
        }
    }

    void awaitActive(Duration limit) {
        Await.until("the consumer process is active", limit, this::active);
    }

    private synchronized boolean active() {
        return active;
    }

    synchronized List<Integer> received() {
        return List.copyOf(received);
    }

    synchronized Set<Integer> confirmed() {
        return Set.copyOf(confirmed);
    }

    /** {@code kill -9}, then waits until the process is gone. */
    void kill() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + process.pid() + " failed");
        }
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
