package io.collector.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes configuration folders for tests: a server file and destination folders under one directory. */
final class ConfFolder {

    /** The two keys a destination cannot do without. */
    static final String MINIMAL_INSTANCE = "collector.instance.source.address=db.example.com:3306\n"
            + "collector.instance.source.user=repl\n";

    private final Path dir;

    ConfFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Writes {@code collector.properties}. */
    ConfFolder server(String content) {
        return write(ConfigLoader.SERVER_FILE, content);
    }

    /** Writes Canal's {@code canal.properties}. */
    ConfFolder canalServer(String content) {
        return write(ConfigLoader.CANAL_SERVER_FILE, content);
    }

    /** Writes {@code <destination>/instance.properties}. */
    ConfFolder instance(String destination, String content) {
        return write(destination + "/" + ConfigLoader.INSTANCE_FILE, content);
    }

    ConfFolder write(String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of a file of the folder, as messages show it. */
    String path(String relative) {
        return dir.resolve(relative).toString();
    }
}
