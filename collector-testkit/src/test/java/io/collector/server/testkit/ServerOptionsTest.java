package io.collector.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaultsHaveRowBasedBinlogWithFullMetadata() {
        assertThat(ServerOptions.defaults().toArgs()).contains("--log-bin=mysql-bin", "--binlog-format=ROW",
                "--binlog-row-image=FULL", "--binlog-row-metadata=FULL", "--server-id=1",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci");
    }

    @Test
    void sameNameReplacesWithDashesAndUnderscoresAlike() {
        ServerOptions options = ServerOptions.defaults();
        options.put("--binlog_row_metadata=MINIMAL");
        options.put("--gtid-strict-mode");

        assertThat(options.toArgs())
                .contains("--binlog_row_metadata=MINIMAL", "--gtid-strict-mode")
                .doesNotContain("--binlog-row-metadata=FULL");
    }

    @Test
    void skipReplacesTheOptionAndRemoveDropsIt() {
        ServerOptions options = ServerOptions.defaults();
        options.put("--skip-log-bin");
        options.remove("--binlog-format");

        assertThat(options.toArgs()).contains("--skip-log-bin")
                .noneMatch(arg -> arg.startsWith("--log-bin") || arg.startsWith("--binlog-format"));
    }

    @Test
    void rejectsArgumentsWithoutDashes() {
        assertThatThrownBy(() -> ServerOptions.defaults().put("log-bin")).isInstanceOf(IllegalArgumentException.class);
    }
}
