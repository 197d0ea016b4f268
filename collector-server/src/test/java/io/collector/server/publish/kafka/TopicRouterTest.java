package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicRouterTest {

    @Test
    void byDefaultEachDatabaseHasItsTopicWithThePrefix() {
        TopicRouter router = TopicRouter.perDatabase("cdc.", "example");

        assertThat(router.topicFor("shop", "orders")).isEqualTo("cdc.shop");
        assertThat(router.topicFor("shop", "")).isEqualTo("cdc.shop");
        assertThat(router.topicFor("crm", "customers")).isEqualTo("cdc.crm");
        assertThat(router.topicFor("", "")).isEqualTo("cdc.example");
    }

    @Test
    void aDefaultTopicTakesEverythingNoRuleMatches() {
        TopicRouter router = new TopicRouter("cdc.", "all", "shop", "example");

        assertThat(router.topicFor("shop", "orders")).isEqualTo("cdc.shop");
        assertThat(router.topicFor("crm", "customers")).isEqualTo("all");
        assertThat(router.topicFor("", "")).isEqualTo("all");
    }

    /** Canal's documented examples of canal.mq.dynamicTopic, as written in a properties file after loading. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mytest1.user                          | mytest1 | user   | mytest1_user",
        "mytest1.user                          | mytest1 | other  | default",
        "mytest2\\..*                          | mytest2 | orders | mytest2_orders",
        "mytest2\\..*                          | mytest2 | ''     | default",
        "mytest                                | mytest  | t      | mytest",
        "mytest                                | MyTest  | t      | mytest",
        "test.*                                | test_db | t      | test_db",
        ".*\\..*                               | A       | B      | a_b",
        "topicA:mytest1.user,topicB:mytest2\\..* | mytest2 | x    | topicB",
        "topicA:mytest1.user;topicB:mytest2\\..* | mytest1 | user | topicA",
        "topicC:shop                           | shop    | orders | topicC",
        "topicC:shop                           | shop    | ''     | topicC",
        "shop\\.orders,topicD:shop             | shop    | orders | shop_orders",
        "shop\\.orders,topicD:shop             | shop    | items  | topicD",
    })
    void dynamicTopicRulesMatchAsCanals(String rules, String schema, String table, String topic) {
        TopicRouter router = new TopicRouter("", "default", rules, "example");

        assertThat(router.topicFor(schema, table)).isEqualTo(topic);
    }

    @Test
    void thePrefixAppliesToDerivedNamesOnly() {
        TopicRouter router = new TopicRouter("p.", "", "named:crm,shop\\..*", "example");

        assertThat(router.topicFor("crm", "customers")).isEqualTo("named");
        assertThat(router.topicFor("shop", "orders")).isEqualTo("p.shop_orders");
        assertThat(router.topicFor("other", "t")).isEqualTo("p.other");
    }

    @Test
    void namesKafkaRefusesAreMadeValid() {
        assertThat(TopicRouter.perDatabase("", "x").topicFor("shop$db", "t")).isEqualTo("shop_db");
        assertThat(TopicRouter.sanitize("é.b")).isEqualTo("_.b");
        assertThat(TopicRouter.sanitize("a".repeat(300))).hasSize(249);
    }

    @Test
    void invalidRulesAreRejectedWithTheRule() {
        assertThatThrownBy(() -> new TopicRouter("", "", "shop(", "x")).hasMessageContaining("shop(");
        assertThatThrownBy(() -> new TopicRouter("", "", "bad topic:shop", "x"))
                .hasMessageContaining("bad topic:shop");
    }
}
