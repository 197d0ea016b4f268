package io.collector.server.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code bin/startup.sh} and {@code bin/stop.sh} of this repository on a configuration folder,
 * as an operator would, and reads what they print and log.
 */
final class Daemon {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();

    private final Path conf;

    Daemon(Path conf) {
        this.conf = conf;
    }

    Path conf() {
        return conf;
    }

    /** Runs {@code bin/startup.sh --conf <conf>}; returns its exit status and output. */
    Result start() {
        return run("bin/startup.sh", "--conf", conf.toString());
    }

    Result stop() {
        return run("bin/stop.sh", "--conf", conf.toString(), "--timeout", "30");
    }

    /** The server's log so far. */
    String log() {
        Path log = conf.getParent().resolve("logs").resolve("collector.log");
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int status, String output) {
    }

    static Result run(String script, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(REPO.resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code lines} to {@code file}, creating its folder. */
    static void write(Path file, String... lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
