package io.collector.server.parser.ddl;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTokenizerTest {

    @Test
    void splitsWordsNamesStringsAndSymbols() {
        assertThat(tokens("ALTER TABLE `a``b`.c COMMENT 'it''s \\' x' \"q\"")).containsExactly(
            "WORD:ALTER", "WORD:TABLE", "QUOTED_NAME:a`b", "SYMBOL:.", "WORD:c", "WORD:COMMENT", "STRING:it's ' x",
            "DOUBLE_QUOTED:q");
    }

    @Test
    void skipsCommentsButReadsExecutableOnes() {
        assertThat(tokens("/* a */ x -- b\n y # c\n z /*!50100 w */ /*M!100100 v*/ --\n u"))
            .containsExactly("WORD:x", "WORD:y", "WORD:z", "WORD:w", "WORD:v", "WORD:u");
    }

    @Test
    void doubleDashWithoutSpaceIsNotAComment() {
        assertThat(tokens("a--b")).containsExactly("WORD:a", "SYMBOL:-", "SYMBOL:-", "WORD:b");
    }

    @Test
    void unterminatedCommentAndQuoteEndTheStatement() {
        assertThat(tokens("a /* never closed")).containsExactly("WORD:a");
        assertThat(tokens("a `open")).containsExactly("WORD:a", "QUOTED_NAME:open");
    }

    private static List<String> tokens(String sql) {
        SqlTokenizer tokenizer = new SqlTokenizer(sql);
        List<String> tokens = new ArrayList<>();
        for (SqlToken token = tokenizer.next(); !token.isEnd(); token = tokenizer.next()) {
            tokens.add(token.kind() + ":" + token.text());
        }
        return tokens;
    }
}
