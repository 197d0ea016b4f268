package io.collector.server.layering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dependencies between the {@code io.collector} packages of a source tree, read from the Java sources:
 * every import and every fully qualified name in code (comments and string literals do not count). A package
 * depends on another when one of its files names a type of the other.
 */
final class PackageGraph {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A qualified type name: lower-case package segments, then the first upper-case segment. */
    private static final Pattern TYPE = Pattern.compile("\\b(io\\.collector(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]\\w*");
    private static final Pattern WILDCARD = Pattern.compile("\\bimport\\s+(io\\.collector(?:\\.[a-z_][a-z0-9_]*)*)\\.\\*");

    /** package -> package it depends on -> the references that make it, as {@code File.java: a.b.Type}. */
    private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

    private PackageGraph() {
    }

    /** Reads every {@code .java} file under {@code sourceRoot}. */
    static PackageGraph scan(Path sourceRoot) {
        if (!Files.isDirectory(sourceRoot)) {
            throw new IllegalStateException("no source directory " + sourceRoot.toAbsolutePath());
        }
        PackageGraph graph = new PackageGraph();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(graph::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** A graph of one file's text, for tests of the reader itself. */
    static PackageGraph of(String fileName, String source) {
        PackageGraph graph = new PackageGraph();
        graph.add(fileName, source);
        return graph;
    }

    private void add(Path file) {
        try {
            add(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(String fileName, String source) {
        String code = JavaText.withoutCommentsAndLiterals(source);
        Matcher pkg = PACKAGE.matcher(code);
        if (!pkg.find()) {
            return;
        }
        String from = pkg.group(1);
        Map<String, Set<String>> targets = edges.computeIfAbsent(from, p -> new TreeMap<>());
        Matcher type = TYPE.matcher(code);
        while (type.find()) {
            reference(targets, from, type.group(1), fileName + ": " + type.group());
        }
        Matcher wildcard = WILDCARD.matcher(code);
        while (wildcard.find()) {
            reference(targets, from, wildcard.group(1), fileName + ": " + wildcard.group(1) + ".*");
        }
    }

    private static void reference(Map<String, Set<String>> targets, String from, String to, String where) {
        if (!to.equals(from)) {
            targets.computeIfAbsent(to, p -> new TreeSet<>()).add(where);
        }
    }

    /** Every package that has a source file. */
    Set<String> packages() {
        return edges.keySet();
    }

    /** The packages {@code from} depends on. */
    Set<String> dependencies(String from) {
        return edges.getOrDefault(from, Map.of()).keySet();
    }

    /** The references that make {@code from} depend on {@code to}. */
    Set<String> references(String from, String to) {
        return edges.getOrDefault(from, Map.of()).getOrDefault(to, Set.of());
    }

    /** Every reference from a package in {@code fromScope} to a package in {@code toScope}. */
    List<String> referencesBetween(String fromScope, String toScope) {
        List<String> found = new ArrayList<>();
        edges.forEach((from, targets) -> targets.forEach((to, where) -> {
            if (inScope(from, fromScope) && inScope(to, toScope)) {
                where.forEach(w -> found.add(from + " -> " + to + " (" + w + ")"));
            }
        }));
        return found;
    }

    /** Whether {@code pkg} is {@code scope} or one of its sub-packages. */
    static boolean inScope(String pkg, String scope) {
        return pkg.equals(scope) || pkg.startsWith(scope + ".");
    }
}
