package io.collector.server.config;

import io.collector.server.meta.FileMetaConfig;
import java.util.Objects;

/**
 * Where client cursors are kept.
 *
 * @param mode {@code file} (survives restarts) or {@code memory}
 * @param file the file meta manager's directory and flush period, read whatever the mode
 */
public record MetaConfig(Mode mode, FileMetaConfig file) {

    public MetaConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(file, "file");
    }

    /** Meta manager kinds ({@code collector.meta.mode}). */
    public enum Mode {
        /** One JSON file per destination under the meta directory. */
        FILE,
        /** Kept in memory only: every restart starts from the configured position. */
        MEMORY
    }
}
