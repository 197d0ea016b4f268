package io.collector.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.config.AdminConfig;
import io.collector.server.config.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AdminAuthTest {

    private static final String TOKEN = "0123456789abcdef0123";

    private static AdminAuth auth(String token, String user, String password) {
        return new AdminAuth(new AdminConfig(0, 0, "127.0.0.1", token, user,
                password.isEmpty() ? "" : PasswordHash.of(password), Duration.ZERO, 3));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsConfiguredEverythingPasses() {
        assertThat(auth("", "", "").allows(null)).isTrue();
    }

    @Test
    void aTokenMustMatch() {
        AdminAuth auth = auth(TOKEN, "", "");

        assertThat(auth.allows("Bearer " + TOKEN)).isTrue();
        assertThat(auth.allows("bearer " + TOKEN)).isTrue();
        assertThat(auth.allows(null)).isFalse();
        assertThat(auth.allows("Bearer " + TOKEN + "x")).isFalse();
        assertThat(auth.allows("Bearer")).isFalse();
        assertThat(auth.allows(basic("ops:" + TOKEN))).as("no user configured").isFalse();
        assertThat(auth.challenge()).startsWith("Bearer");
    }

    @Test
    void userAndPasswordMustBothMatch() {
        AdminAuth auth = auth(TOKEN, "ops", "pa:ss");

        assertThat(auth.allows(basic("ops:pa:ss"))).isTrue();
        assertThat(auth.allows(basic("ops:pa"))).isFalse();
        assertThat(auth.allows(basic("other:pa:ss"))).isFalse();
        assertThat(auth.allows(basic("no-colon"))).isFalse();
        assertThat(auth.allows("Basic !!not-base64!!")).isFalse();
        assertThat(auth.allows("Bearer " + TOKEN)).as("the token works beside the user").isTrue();
        assertThat(auth.allows("Digest x")).isFalse();
        assertThat(auth.challenge()).startsWith("Basic");
    }
}
