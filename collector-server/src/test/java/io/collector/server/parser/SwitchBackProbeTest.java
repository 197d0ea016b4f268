package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SwitchBackProbeTest {

    @Test
    void aMariaDbBinlogStateHoldsTheDeliveredSetOnlyWithEveryOriginServerFarEnough() {
        // the old primary, back as a replica of the promoted one: first without its transactions, then with them
        assertThat(SwitchBackProbe.contains("0-1-100", "0-2-150", true)).isFalse();
        assertThat(SwitchBackProbe.contains("0-1-100,0-2-149", "0-2-150", true)).isFalse();
        assertThat(SwitchBackProbe.contains("0-1-100,0-2-150", "0-2-150", true)).isTrue();
        assertThat(SwitchBackProbe.contains("0-1-100,0-2-151,1-3-7", "0-2-150,1-3-7", true)).isTrue();
        assertThat(SwitchBackProbe.contains("0-2-151", "0-2-150,1-3-7", true)).isFalse();
        assertThat(SwitchBackProbe.contains("", "0-2-150", true)).isFalse();
    }

    @Test
    void aMySqlExecutedSetHoldsTheDeliveredSetWithItsLineBreaks() {
        String a = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        String b = "4f22fa47-71ca-11e1-9e33-c80aa9429562";
        assertThat(SwitchBackProbe.contains(a + ":1-100,\n" + b + ":1-20", a + ":1-90," + b + ":1-20", false))
                .isTrue();
        assertThat(SwitchBackProbe.contains(a + ":1-100", a + ":1-90," + b + ":1-20", false)).isFalse();
        assertThat(SwitchBackProbe.contains(a + ":1-50", a + ":1-90", false)).isFalse();
    }
}
