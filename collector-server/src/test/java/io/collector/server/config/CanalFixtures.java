package io.collector.server.config;

/**
 * A Canal conf folder (canal.properties and example/instance.properties, laid out as Canal ships them, with
 * keys we read and keys we do not) and the native folder that means the same.
 */
final class CanalFixtures {

    static final String CANAL_SERVER = """
            # tcp bind ip
            canal.ip =
            canal.register.ip =
            canal.port = 11122
            canal.metrics.pull.port = 11112
            canal.user = canal
            canal.passwd = E3619321C1A937C46A0D8BD1DAC39F93B27D4458
            canal.admin.port = 11110
            canal.admin.user = admin
            canal.admin.passwd = 4ACFE3202A5FF5CF467898FC58AAB1D615029441
            canal.zkServers = zk1:2181,zk2:2181
            canal.zookeeper.flush.period = 1000
            canal.withoutNetty = false
            canal.serverMode = kafka
            canal.file.data.dir = ${canal.conf.dir}
            canal.file.flush.period = 500
            canal.instance.memory.buffer.size = 4096
            canal.instance.memory.buffer.memunit = 2048 \s
            canal.instance.memory.batch.mode = MEMSIZE
            canal.instance.memory.rawEntry = true
            canal.instance.transaction.size =  1024
            canal.instance.filter.druid.ddl = true
            canal.instance.filter.query.dcl = false
            canal.instance.filter.query.dml = false
            canal.instance.filter.query.ddl = false
            canal.instance.filter.dml.insert = false
            canal.instance.filter.dml.update = false
            canal.instance.filter.dml.delete = true
            canal.instance.get.ddl.isolation = false
            canal.instance.tsdb.enable = true
            canal.instance.tsdb.dir = ${canal.file.data.dir:../conf}/${canal.instance.destination:}
            canal.destinations = example
            canal.conf.dir = ../conf
            canal.auto.scan = true
            canal.auto.scan.interval = 7
            canal.auto.reset.latest.pos.mode = false
            canal.instance.global.mode = spring
            canal.instance.global.lazy = false
            canal.instance.global.spring.xml = classpath:spring/memory-instance.xml
            canal.aliyun.accessKey =
            canal.mq.flatMessage = true
            kafka.bootstrap.servers = 127.0.0.1:9092
            """;

    /** The Canal keys of {@link #CANAL_SERVER} with a value that nothing reads, sorted. */
    static final String CANAL_SERVER_UNSUPPORTED = "canal.instance.filter.druid.ddl,"
            + " canal.instance.global.lazy, canal.instance.global.mode, canal.instance.memory.rawEntry,"
            + " canal.instance.transaction.size, canal.instance.tsdb.dir, canal.instance.tsdb.enable,"
            + " canal.withoutNetty";

    static final String CANAL_INSTANCE = """
            canal.instance.gtidon=true
            canal.instance.mysql.slaveId=1234
            canal.instance.master.address=10.0.0.5:3307
            canal.instance.master.journal.name=
            canal.instance.master.position=
            canal.instance.master.timestamp=
            canal.instance.master.gtid=3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5
            canal.instance.rds.accesskey=
            canal.instance.tsdb.enable=true
            canal.instance.standby.address = 10.0.0.6:3306
            canal.instance.dbUsername=canal
            canal.instance.dbPassword=canal
            canal.instance.connectionCharset = UTF-8
            canal.instance.enableDruid=false
            canal.instance.filter.regex=shop\\\\..*,crm\\\\.customer
            canal.instance.filter.black.regex=mysql\\\\.slave_.*
            canal.instance.filter.field=shop.orders:id/total
            canal.instance.filter.black.field=crm.customer:ssn
            canal.instance.memory.buffer.size=1024
            canal.instance.get.ddl.isolation=true
            canal.mq.topic=example
            canal.mq.partition=0
            """;

    static final String CANAL_INSTANCE_UNSUPPORTED = "canal.instance.enableDruid, canal.instance.tsdb.enable";

    static final String NATIVE_SERVER = """
            collector.ip =
            collector.port = 11122
            collector.user = canal
            collector.password = canal
            collector.admin.user = admin
            collector.admin.password = admin
            collector.mode = kafka
            collector.zk.servers = zk1:2181,zk2:2181
            collector.zk.flush.period = 1s
            collector.meta.mode = memory
            collector.meta.dir = conf
            collector.meta.flush.period = 500ms
            collector.store.capacity.entries = 4096
            collector.store.capacity.bytes = 8m
            collector.destinations = example
            collector.auto.scan.interval = 7s
            collector.instance.filter.drop.delete = true
            collector.kafka.format = json
            kafka.bootstrap.servers = 127.0.0.1:9092
            """;

    static final String NATIVE_INSTANCE = """
            collector.instance.source.address = 10.0.0.5:3307
            collector.instance.source.standby.addresses = 10.0.0.6:3306
            collector.instance.source.user = canal
            collector.instance.source.password = canal
            collector.instance.source.server.id = 1234
            collector.instance.gtid.mode = true
            collector.instance.start.gtid = 3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5
            collector.instance.filter.include = shop\\\\..*,crm\\\\.customer
            collector.instance.filter.exclude = mysql\\\\.slave_.*
            collector.instance.filter.columns.include = shop.orders:id/total
            collector.instance.filter.columns.exclude = crm.customer:ssn
            collector.instance.store.capacity.entries = 1024
            collector.instance.store.capacity.bytes = 2m
            collector.instance.store.ddl.isolation = true
            collector.instance.kafka.topic = example
            collector.instance.kafka.partition = 0
            """;

    private CanalFixtures() {
    }
}
