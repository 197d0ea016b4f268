package io.collector.server.parser.convert;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.collector.protocol.EntryProtocol.Pair;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ProtoWriter against CodedOutputStream for the same calls. */
class ProtoWriterTest {

    private static final String LONG_ASCII = "a".repeat(200);
    private static final String NON_ASCII = "é日😀";
    private static final Pair PAIR = Pair.newBuilder().setKey("k").setValue("v").build();

    @Test
    void writesTheBytesCodedOutputStreamWrites() throws Exception {
        byte[] expected = new byte[4096];
        CodedOutputStream coded = CodedOutputStream.newInstance(expected);
        coded.writeInt32(1, -7);
        coded.writeInt32(2, Integer.MAX_VALUE);
        coded.writeInt64(3, Long.MIN_VALUE);
        coded.writeInt64(20, 300);
        coded.writeBool(4, true);
        coded.writeBool(5, false);
        coded.writeBytes(6, ByteString.copyFromUtf8("name"));
        coded.writeString(8, LONG_ASCII);
        coded.writeString(8, NON_ASCII);
        coded.writeMessage(2000, PAIR);
        int size = coded.getTotalBytesWritten();

        byte[] actual = new byte[size];
        ProtoWriter writer = new ProtoWriter(actual);
        writer.int32(1, -7);
        writer.int32(2, Integer.MAX_VALUE);
        writer.int64(3, Long.MIN_VALUE);
        writer.int64(20, 300);
        writer.bool(4, true);
        writer.bool(5, false);
        writer.bytes(6, ByteString.copyFromUtf8("name"));
        byte[] texts = (LONG_ASCII + NON_ASCII).getBytes(StandardCharsets.UTF_8);
        writer.bytes(8, texts, 0, LONG_ASCII.length());
        writer.bytes(8, texts, LONG_ASCII.length(), texts.length - LONG_ASCII.length());
        writer.message(2000, PAIR, PAIR.getSerializedSize());
        writer.checkFull();

        assertThat(actual).isEqualTo(java.util.Arrays.copyOf(expected, size));
    }

    @Test
    void asciiLengthIsMinusOneBeyondAscii() {
        assertThat(ProtoWriter.asciiLength(LONG_ASCII)).isEqualTo(200);
        assertThat(ProtoWriter.asciiLength("")).isZero();
        assertThat(ProtoWriter.asciiLength("abc\u0080")).isEqualTo(-1);
        assertThat(ProtoWriter.asciiLength(NON_ASCII)).isEqualTo(-1);
    }

    @Test
    void aMiscountedSizeIsReported() {
        ProtoWriter writer = new ProtoWriter(new byte[3]);
        writer.bool(1, true);

        assertThatThrownBy(writer::checkFull).isInstanceOf(IllegalStateException.class)
                .hasMessage("wrote 2 bytes into an array of 3");
    }
}
