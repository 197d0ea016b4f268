package io.collector.server.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks with {@code ldd} that a native executable finds all its shared libraries, so a missing
 * library fails with its name instead of an obscure "install failed" from the server.
 */
final class NativeLibraries {

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);

    private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found", Pattern.MULTILINE);

    /** Debian/Ubuntu packages for the libraries mariadbd 10.11 links against (see {@code .ci/run}). */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.ofEntries(
            Map.entry("libcrypt.so.1", "libcrypt1"),
            Map.entry("libsystemd.so.0", "libsystemd0"),
            Map.entry("libstdc++.so.6", "libstdc++6"),
            Map.entry("libcap.so.2", "libcap2"),
            Map.entry("libgcrypt.so.20", "libgcrypt20"),
            Map.entry("liblzma.so.5", "liblzma5"),
            Map.entry("libzstd.so.1", "libzstd1"),
            Map.entry("liblz4.so.1", "liblz4-1"),
            Map.entry("libgcc_s.so.1", "libgcc-s1"),
            Map.entry("libgpg-error.so.0", "libgpg-error0"),
            Map.entry("libaio.so.1", "libaio1"),
            Map.entry("liburing.so.2", "liburing2"),
            Map.entry("libpmem.so.1", "libpmem1"),
            Map.entry("libssl.so.3", "libssl3"),
            Map.entry("libcrypto.so.3", "libssl3"),
            Map.entry("libncurses.so.5", "libncurses5"),
            Map.entry("libtinfo.so.5", "libtinfo5"));

    private NativeLibraries() {
    }

    /**
     * Throws when {@code executable} misses shared libraries; does nothing when {@code ldd} is not
     * available or does not understand the file (a script, a static binary).
     */
    static void requireLoadable(Path executable, Path libDir, String advice) throws InterruptedException {
        List<String> missing = missing(executable, libDir);
        if (!missing.isEmpty()) {
            throw new TestMariaDbException(describeMissing(executable, missing) + "; " + advice);
        }
    }

    /** The error message for {@code executable} missing the shared libraries {@code missing}. */
    static String describeMissing(Path executable, List<String> missing) {
        List<String> packages = new ArrayList<>();
        for (String library : missing) {
            String pkg = DEBIAN_PACKAGES.get(library);
            if (pkg != null && !packages.contains(pkg)) {
                packages.add(pkg);
            }
        }
        String hint = packages.isEmpty()
                ? "install the packages that provide them"
                : "on Debian/Ubuntu: apt-get install -y " + String.join(" ", packages);
        return executable + " cannot run, missing shared libraries: " + String.join(", ", missing) + " (" + hint + ")";
    }

    /** The sonames {@code ldd} reports as "not found" for {@code executable}. */
    static List<String> missing(Path executable, Path libDir) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("ldd", executable.toString()).redirectErrorStream(true);
        if (libDir != null) {
            builder.environment().put("LD_LIBRARY_PATH", libDir.toString());
        }
        String output;
        try {
            Process process = builder.start();
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("ldd {} did not finish in time; skipping the shared library check", executable);
                return List.of();
            }
        } catch (IOException e) {
            LOG.debug("ldd not usable ({}); skipping the shared library check of {}", e.getMessage(), executable);
            return List.of();
        }
        return parseNotFound(output);
    }

    /** The sonames of the "libfoo.so.1 => not found" lines of {@code ldd} output. */
    static List<String> parseNotFound(String lddOutput) {
        List<String> missing = new ArrayList<>();
        Matcher matcher = NOT_FOUND.matcher(lddOutput);
        while (matcher.find()) {
            missing.add(matcher.group(1));
        }
        return missing;
    }
}
