package io.collector.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Curator, ZooKeeper and Jackson are optional dependencies of the SDK: a single-server client works without
 * them, and a cluster client's {@code build()} names the missing artifacts.
 */
class OptionalZooKeeperTest {

    private static final List<String> OPTIONAL = List.of("/org/apache/curator/", "/org/apache/zookeeper/",
            "/com/fasterxml/jackson/");

    @Test
    void withTheOptionalLibrariesAClusterClientBuilds() {
        assertThat(CollectorClientConfig.builder().zookeeper("127.0.0.1:2181").destination("example").build()
                .destination()).isEqualTo("example");
    }

    @Test
    void withoutThemASingleServerClientWorksAndAClusterClientNamesWhatIsMissing() throws Exception {
        List<URL> classPath = classPathWithout(OPTIONAL);
        try (URLClassLoader sdkAlone = new URLClassLoader(classPath.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            @SuppressWarnings("unchecked")
            Callable<List<String>> probe = (Callable<List<String>>) sdkAlone
                    .loadClass(WithoutZooKeeperProbe.class.getName()).getDeclaredConstructor().newInstance();
            List<String> seen = probe.call();
            assertThat(seen).hasSize(3);
            assertThat(seen.get(0)).isEqualTo("zookeeper loadable: false");
            assertThat(seen.get(1)).isEqualTo("single server: subscribed, batch " + Message.EMPTY_BATCH_ID);
            assertThat(seen.get(2)).startsWith("cluster: the ZooKeeper cluster connector (zookeeper(connectString)) "
                    + "needs org.apache.curator:curator-recipes, org.apache.zookeeper:zookeeper, "
                    + "com.fasterxml.jackson.core:jackson-databind on the class path");
        }
    }

    /** The test class path less the entries of the given Maven repository directories. */
    private static List<URL> classPathWithout(List<String> excluded) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        boolean sawExcluded = false;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String unixPath = entry.replace(File.separatorChar, '/');
            if (excluded.stream().anyMatch(unixPath::contains)) {
                sawExcluded = true;
            } else {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(sawExcluded).as("the test class path holds the optional libraries to leave out").isTrue();
        return urls;
    }
}
