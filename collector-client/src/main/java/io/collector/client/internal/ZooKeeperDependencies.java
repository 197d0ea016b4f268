package io.collector.client.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional libraries the ZooKeeper cluster connector runs on. The SDK declares them optional, so an
 * application that connects to one server does not carry them; one that uses the cluster connector adds them
 * itself, and {@link #check()} says which are missing before anything of ZooKeeper is loaded.
 */
public final class ZooKeeperDependencies {

    /** Artifact, as an application declares it, and a class it provides. */
    private static final Map<String, String> REQUIRED = requiredClasses();

    private ZooKeeperDependencies() {
    }

    private static Map<String, String> requiredClasses() {
        Map<String, String> required = new LinkedHashMap<>();
        required.put("org.apache.curator:curator-recipes", "org.apache.curator.framework.recipes.cache.CuratorCache");
        required.put("org.apache.zookeeper:zookeeper", "org.apache.zookeeper.ZooKeeper");
        required.put("com.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper");
        return required;
    }

    /**
     * Checks that the cluster connector's libraries are on the SDK's class path.
     *
     * @throws IllegalStateException naming every missing artifact
     */
    public static void check() {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the ZooKeeper cluster connector (zookeeper(connectString)) needs "
                    + String.join(", ", missing) + " on the class path; the SDK declares them optional: add "
                    + (missing.size() == 1 ? "it" : "them") + " to the application's dependencies (versions in the "
                    + "SDK's README), or connect to one server with address(host, port)");
        }
    }

    /** The artifacts whose classes cannot be loaded, in the order of {@link #REQUIRED}. */
    static List<String> missing() {
        return REQUIRED.entrySet().stream().filter(e -> !loadable(e.getValue())).map(Map.Entry::getKey).toList();
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, ZooKeeperDependencies.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
