package io.collector.server.meta;

class MemoryMetaManagerTest extends MetaManagerContractTest {

    @Override
    protected MetaManager create() {
        return new MemoryMetaManager();
    }
}
