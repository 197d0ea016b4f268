package io.collector.server.meta;

/** A {@link MetaManager} that keeps everything in memory only: a restart starts from the configured position. */
public final class MemoryMetaManager extends AbstractMetaManager {

    @Override
    protected void doStart() {
        // nothing to load
    }

    @Override
    protected void doStop() {
        // nothing to write
    }

    @Override
    void changed(String destination) {
        // nothing to persist
    }

    @Override
    public void flush() {
        // nothing is buffered
    }
}
