package io.collector.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Writes the shipped commented files ({@code conf/collector.properties}, {@code conf/example/instance.properties})
 * from the registry ({@link ServerKeys}, {@link InstanceKeys}). {@code ShippedConfTest} fails when a shipped file
 * differs from what this writes; regenerate with
 * {@code mvn -B -o -q -pl collector-server -am test -Dtest=ShippedConfTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcollector.conf.regenerate=true}, or, after a build that packaged the server, run {@link #main} with the conf
 * directory as argument: {@code java -cp "collector-server/target/classes:collector-server/target/lib/*"
 * io.collector.server.config.ConfFileWriter conf}.
 */
public final class ConfFileWriter {

    private static final String RULE = "#".repeat(97);

    private ConfFileWriter() {
    }

    /** Writes every shipped file under {@code args[0]} (default {@code conf}). */
    public static void main(String[] args) throws IOException {
        Path conf = Path.of(args.length > 0 ? args[0] : "conf");
        for (String path : paths()) {
            Path file = conf.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, render(path), StandardCharsets.UTF_8);
        }
    }

    /** The shipped files, relative to {@code conf/}. */
    public static List<String> paths() {
        return ConfigRegistry.files().stream().map(ConfFile::path).toList();
    }

    /** The text of the shipped file {@code path} (one of {@link #paths()}). */
    public static String render(String path) {
        ConfFile file = ConfigRegistry.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No shipped file " + path));
        StringBuilder out = new StringBuilder();
        out.append(RULE).append('\n').append(comment(file.header())).append(RULE).append('\n');
        for (Section section : file.sections()) {
            out.append("\n########## ").append(section.title()).append(" ##########\n");
            out.append(comment(section.prose()));
            section.keys().stream().filter(k -> k.line() != ConfigKey.Line.NONE)
                    .forEach(key -> out.append(key.doc().isEmpty() ? "" : "\n").append(key(key)));
        }
        return out.toString();
    }

    private static String key(ConfigKey<?> key) {
        StringBuilder out = new StringBuilder(comment(key.doc()));
        if (!key.canal().isEmpty()) {
            out.append("# Canal: ").append(key.canal().stream().map(ConfFileWriter::alias)
                    .collect(Collectors.joining(", "))).append('\n');
        }
        String value = escape(key.shownValue());
        out.append(key.line() == ConfigKey.Line.COMMENTED ? "#" : "").append(key.name()).append(" =")
                .append(value.isEmpty() ? "" : " " + value).append('\n');
        return out.append(key.after().isEmpty() ? "" : "\n" + comment(key.after())).toString();
    }

    private static String alias(ConfigKey.CanalAlias alias) {
        return alias.bareUnit() == TimeUnit.MILLISECONDS ? alias.name()
                : alias.name() + " (a bare number is " + Quantities.unitName(alias.bareUnit()) + ")";
    }

    /**
     * Each line as a comment: {@code # } before text, nothing before a line that already is a comment (an
     * example key), {@code #} alone for an empty one.
     */
    private static String comment(String text) {
        if (text.isEmpty()) {
            return "";
        }
        return text.lines().map(line -> line.isBlank() ? "#" : line.startsWith("#") ? line : "# " + line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** A value as a properties file writes it: a backslash doubled. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
