package io.collector.benchmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's {@code jvm.options} as a benchmark writes it: the shipped file with the options it was given. */
class ServerProcessTest {

    @Test
    void givenOptionsReplaceTheShippedOnesOfTheSameNameAndAnyCollector(@TempDir Path dir) throws IOException {
        Path shipped = Files.writeString(dir.resolve("shipped"), String.join("\n", "# Heap", "-Xms1g", "-Xmx1g", "",
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=100", "-XX:+ParallelRefProcEnabled", "-Dfile.encoding=UTF-8",
                ""));
        Path copy = dir.resolve("conf/jvm.options");

        ServerProcess.writeJvmOptions(shipped, copy,
                List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC", "-XX:MaxGCPauseMillis=50"));

        assertThat(Files.readAllLines(copy)).containsExactly("# Heap", "# replaced by the benchmark: -Xms1g",
                "# replaced by the benchmark: -Xmx1g", "", "# replaced by the benchmark: -XX:+UseG1GC",
                "# replaced by the benchmark: -XX:MaxGCPauseMillis=100", "-XX:+ParallelRefProcEnabled",
                "-Dfile.encoding=UTF-8", "-Xms512m", "-Xmx512m", "-XX:+UseParallelGC", "-XX:MaxGCPauseMillis=50");
    }

    @Test
    void withoutGivenOptionsTheCopyIsTheShippedFile(@TempDir Path dir) throws IOException {
        Path shipped = Files.writeString(dir.resolve("shipped"), "-Xmx1g\n-XX:+UseG1GC\n");
        Path copy = dir.resolve("jvm.options");

        ServerProcess.writeJvmOptions(shipped, copy, List.of());

        assertThat(Files.readAllLines(copy)).containsExactly("-Xmx1g", "-XX:+UseG1GC");
    }
}
