package io.collector.benchmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The live set and its classes read from {@code jcmd <pid> GC.class_histogram}'s output (taken from a real run). */
class HeapHistogramTest {

    private static final String EARLIER = String.join("\n",
            "4273:",
            " num     #instances         #bytes  class name (module)",
            "-------------------------------------------------------",
            "   1:         15189        5807528  [B (java.base@17.0.15)",
            "   2:          2648         315832  java.lang.Class (java.base@17.0.15)",
            "   3:         10095         242280  java.lang.String (java.base@17.0.15)",
            "Total         62599        7909272",
            "");

    private static final String LATER = String.join("\n",
            "4273:",
            " num     #instances         #bytes  class name (module)",
            "-------------------------------------------------------",
            "   1:         25189       16293288  [B (java.base@17.0.15)",
            "   2:          2648         315832  java.lang.Class (java.base@17.0.15)",
            "   3:          4000         128000  io.collector.server.store.ChangeEvent",
            "   4:         10000         240000  java.lang.String (java.base@17.0.15)",
            "Total         62599       18977120",
            "");

    @Test
    void theTotalIsTheLiveSetAndTheClassesAreKeptByName() {
        HeapHistogram h = HeapHistogram.parse(EARLIER);

        assertThat(h.liveBytes()).isEqualTo(7_909_272L);
        assertThat(h.bytesByClass()).containsEntry("[B", 5_807_528L).containsEntry("java.lang.String", 242_280L)
                .hasSize(3);
    }

    @Test
    void theClassesThatGrewMostComeFirst() {
        String grown = HeapHistogram.parse(LATER).grownSince(HeapHistogram.parse(EARLIER), 2);

        assertThat(grown).isEqualTo("[B +10.0 MB, io.collector.server.store.ChangeEvent +0.1 MB");
    }

    @Test
    void theLargestClassesComeFirst() {
        assertThat(HeapHistogram.parse(LATER).largest(2)).isEqualTo("[B 15.5 MB, java.lang.Class 0.3 MB");
    }

    @Test
    void outputWithoutATotalIsAnError() {
        assertThatThrownBy(() -> HeapHistogram.parse("4273:\nAttachNotSupportedException: Unable to open socket"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no Total line");
    }
}
