package io.collector.server.layering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader and the cycle finder {@link LayeringTest} relies on: they must see what breaks a rule. */
class PackageGraphTest {

    @Test
    void importsAndQualifiedNamesInCodeCountCommentsAndStringsDoNot() {
        PackageGraph graph = PackageGraph.of("A.java", """
                package io.collector.server.parser;

                import io.collector.server.position.Cursor;
                import static io.collector.server.error.Errors.fail;
                import io.collector.server.sink.*;

                /** Sees {@link io.collector.server.net.NetConfig}. */
                class A {
                    // io.collector.server.ha.Fence
                    String s = "io.collector.server.publish.Publisher";
                    char c = '"';
                    Object o = new io.collector.server.store.Batch();
                }
                """);
        assertThat(graph.dependencies("io.collector.server.parser")).containsExactlyInAnyOrder(
                "io.collector.server.position", "io.collector.server.error", "io.collector.server.sink",
                "io.collector.server.store");
        assertThat(graph.references("io.collector.server.parser", "io.collector.server.store"))
                .containsExactly("A.java: io.collector.server.store.Batch");
    }

    @Test
    void findsEachCycleOnce() {
        PackageGraph graph = PackageGraph.of("A.java", "package io.collector.a; class A { io.collector.b.B b; "
                + "io.collector.c.C c; }");
        graph.add("B.java", "package io.collector.b; class B { io.collector.a.A a; }");
        graph.add("C.java", "package io.collector.c; class C { io.collector.d.D d; }");
        graph.add("D.java", "package io.collector.d; class D { }");
        assertThat(PackageCycles.find(graph, p -> !p.equals("io.collector.b"))).isEmpty();
        assertThat(PackageCycles.find(graph, p -> true)).containsExactly(Set.of("io.collector.a", "io.collector.b"));

        graph.add("D2.java", "package io.collector.d; import io.collector.c.C; class D2 { C c; }");
        List<Set<String>> cycles = PackageCycles.find(graph, p -> !p.equals("io.collector.b"));
        assertThat(cycles).containsExactly(Set.of("io.collector.c", "io.collector.d"));
        assertThat(PackageCycles.describe(graph, cycles.get(0)))
                .contains("io.collector.d -> io.collector.c [D2.java: io.collector.c.C]");
    }
}
