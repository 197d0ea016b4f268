package io.collector.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeLibrariesTest {

    private static final String LDD_OUTPUT = """
            \tlinux-vdso.so.1 (0x00007ffd1c5f2000)
            \tlibncurses.so.5 => not found
            \tlibtinfo.so.5 => not found
            \tlibcrypt.so.1 => /lib/x86_64-linux-gnu/libcrypt.so.1 (0x00007f5556d90000)
            \t/lib64/ld-linux-x86-64.so.2 (0x00007fa31dd72000)
            """;

    @Test
    void parsesNotFoundLines() {
        assertThat(NativeLibraries.parseNotFound(LDD_OUTPUT)).containsExactly("libncurses.so.5", "libtinfo.so.5");
        assertThat(NativeLibraries.parseNotFound("\tnot a dynamic executable\n")).isEmpty();
    }

    @Test
    void messageNamesLibrariesAndDebianPackages() {
        String message = NativeLibraries.describeMissing(Path.of("/x/bin/mariadbd"),
                List.of("libaio.so.1", "libfoo.so.9"));

        assertThat(message)
                .contains("/x/bin/mariadbd", "libaio.so.1, libfoo.so.9", "apt-get install -y libaio1");
    }
}
