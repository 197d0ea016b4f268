package io.collector.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Local files replaced whole and durably: after a crash a file holds its old content or its new one, never a mix. */
public final class DurableFiles {

    private DurableFiles() {
    }

    /**
     * Replaces the content of {@code file} with {@code bytes}: writes them to {@code <file>.tmp} beside it (creating
     * the directory if needed), forces them to disk, then renames that file over {@code file} atomically.
     *
     * @throws IOException when any step fails; {@code file} then still holds its old content
     */
    public static void replace(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
