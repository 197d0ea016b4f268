package io.collector.server.layering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of the style guide, checked on the main sources of the server and the client SDK: a
 * change that breaks one fails the build with the references that break it.
 */
class LayeringTest {

    private static final String SERVER = "io.collector.server";
    private static final String PARSER = SERVER + ".parser";
    /**
     * What {@code store} and {@code meta} may depend on besides themselves: shared value types and contracts, and
     * the durable file write ({@code files}, a leaf).
     */
    private static final List<String> SHARED = List.of(SERVER + ".position", SERVER + ".entry", SERVER + ".error",
            SERVER + ".lifecycle", SERVER + ".files", "io.collector.protocol");
    private static final Path CLIENT_MODULE = Path.of("..", "collector-client");

    private static PackageGraph server;

    @BeforeAll
    static void readSources() {
        server = PackageGraph.scan(Path.of("src", "main", "java"));
    }

    @Test
    void theServerSourcesAreRead() {
        assertThat(server.packages()).contains(SERVER, PARSER, SERVER + ".net.handler", SERVER + ".store",
                SERVER + ".meta").hasSizeGreaterThan(20);
        assertThat(server.dependencies(PARSER)).contains(SERVER + ".position", PARSER + ".schema");
    }

    @Test
    void theParserKnowsNothingOfNetPublishOrHa() {
        List<String> violations = new ArrayList<>();
        for (String forbidden : List.of(".net", ".publish", ".ha")) {
            violations.addAll(server.referencesBetween(PARSER, SERVER + forbidden));
        }
        assertThat(violations).as("parser packages must not depend on net, publish or ha").isEmpty();
    }

    @Test
    void storeAndMetaDependOnlyOnSharedValueTypes() {
        List<String> violations = new ArrayList<>();
        for (String layer : List.of(SERVER + ".store", SERVER + ".meta")) {
            for (String target : server.dependencies(layer)) {
                if (target.startsWith("io.collector.") && SHARED.stream().noneMatch(s -> PackageGraph.inScope(target,
                        s))) {
                    server.references(layer, target).forEach(r -> violations.add(layer + " -> " + target + " (" + r
                            + ")"));
                }
            }
        }
        assertThat(violations).as("store and meta may depend only on %s", SHARED).isEmpty();
    }

    @Test
    void serverPackagesHaveNoCycles() {
        List<Set<String>> cycles = PackageCycles.find(server, p -> PackageGraph.inScope(p, SERVER));
        assertThat(cycles.stream().map(c -> PackageCycles.describe(server, c)).toList())
                .as("package cycles in the server").isEmpty();
    }

    @Test
    void everyServerPackageHasAnOverview() throws IOException {
        Path root = Path.of("src", "main", "java", "io", "collector", "server");
        List<String> missing;
        try (Stream<Path> dirs = Files.walk(root)) {
            missing = dirs.filter(Files::isDirectory).filter(LayeringTest::hasClasses)
                    .filter(d -> !Files.exists(d.resolve("package-info.java"))).map(Path::toString).sorted().toList();
        }
        assertThat(missing).as("packages without package-info.java (what it owns, what it may import)").isEmpty();
    }

    private static boolean hasClasses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theClientNeverDependsOnTheServer() throws IOException {
        PackageGraph client = PackageGraph.scan(CLIENT_MODULE.resolve(Path.of("src", "main", "java")));
        assertThat(client.packages()).contains("io.collector.client", "io.collector.client.internal");
        assertThat(client.referencesBetween("io.collector.client", SERVER)).isEmpty();
        String pom = Files.readString(CLIENT_MODULE.resolve("pom.xml"));
        assertThat(pom).as("collector-client/pom.xml")
                .doesNotContain("<artifactId>collector-server</artifactId>")
                .doesNotContain("<artifactId>collector-testkit</artifactId>");
    }
}
