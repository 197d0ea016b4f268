package io.collector.server.parser.convert;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ArrayInput answers every call as {@link ByteArrayInputStream} does. */
class ArrayInputTest {

    @Test
    void readsSkipsAndResetsAsByteArrayInputStream() throws Exception {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            InputStream expected = new ByteArrayInputStream(bytes);
            InputStream actual = new ArrayInput(bytes);
            for (int step = 0; step < 30; step++) {
                int op = random.nextInt(5);
                int n = random.nextInt(12) - 1;
                assertThat(call(actual, op, n)).as("round %d step %d op %d", round, step, op)
                    .isEqualTo(call(expected, op, n));
            }
        }
    }

    private static String call(InputStream in, int op, int n) throws Exception {
        switch (op) {
            case 0: return "read " + in.read();
            case 1: {
                byte[] into = new byte[16];
                int length = Math.max(0, n);
                int read = in.read(into, 2, length);
                return "read[] " + read + " " + java.util.Arrays.toString(into);
            }
            case 2: return "skip " + in.skip(n);
            case 3: return "available " + in.available();
            default:
                in.mark(0);
                in.read();
                in.reset();
                return "reset " + in.available();
        }
    }
}
