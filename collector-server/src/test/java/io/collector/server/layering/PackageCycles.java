package io.collector.server.layering;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The package cycles of a {@link PackageGraph}: its strongly connected components of more than one package
 * (Tarjan's algorithm), each described with the references that close it.
 */
final class PackageCycles {

    private final PackageGraph graph;
    private final Predicate<String> considered;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<Set<String>> cycles = new ArrayList<>();

    private PackageCycles(PackageGraph graph, Predicate<String> considered) {
        this.graph = graph;
        this.considered = considered;
    }

    /** Each cycle among the packages {@code considered} accepts, as the set of its packages. */
    static List<Set<String>> find(PackageGraph graph, Predicate<String> considered) {
        PackageCycles finder = new PackageCycles(graph, considered);
        new TreeSet<>(graph.packages()).stream().filter(considered).forEach(p -> {
            if (!finder.index.containsKey(p)) {
                finder.visit(p);
            }
        });
        return finder.cycles;
    }

    /** A cycle's packages with, for each edge inside it, the references that make it. */
    static String describe(PackageGraph graph, Set<String> cycle) {
        StringBuilder text = new StringBuilder("cycle " + cycle + ":");
        for (String from : cycle) {
            for (String to : graph.dependencies(from)) {
                if (cycle.contains(to)) {
                    text.append("\n  ").append(from).append(" -> ").append(to).append(' ')
                            .append(graph.references(from, to));
                }
            }
        }
        return text.toString();
    }

    private void visit(String pkg) {
        index.put(pkg, index.size());
        low.put(pkg, index.get(pkg));
        stack.push(pkg);
        onStack.add(pkg);
        for (String next : graph.dependencies(pkg)) {
            if (!considered.test(next)) {
                continue;
            }
            if (!index.containsKey(next)) {
                visit(next);
                low.put(pkg, Math.min(low.get(pkg), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(pkg, Math.min(low.get(pkg), index.get(next)));
            }
        }
        if (low.get(pkg).equals(index.get(pkg))) {
            popComponent(pkg);
        }
    }

    private void popComponent(String root) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
            member = stack.pop();
            onStack.remove(member);
            component.add(member);
        } while (!member.equals(root));
        if (component.size() > 1) {
            cycles.add(component);
        }
    }
}
