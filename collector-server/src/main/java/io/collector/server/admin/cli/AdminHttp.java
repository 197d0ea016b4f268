package io.collector.server.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one request to the admin endpoint and turns every failure into a {@link CliException} with its exit code. */
final class AdminHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminHttp(String baseUrl, String authorization) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = authorization;
    }

    /** The answer's JSON for a 2xx status; otherwise a {@link CliException} with the server's error message. */
    JsonNode send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = exchange(request.build());
        JsonNode body = parse(response);
        if (response.statusCode() / 100 != 2) {
            throw new CliException(CliException.forStatus(response.statusCode()), message(response, body));
        }
        return body;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException(CliException.UNREACHABLE, "cannot reach the collector's admin endpoint at "
                    + baseUrl + " (is the server running, with collector.admin.port set?): " + e);
        } catch (IOException e) {
            throw new CliException(CliException.UNREACHABLE, "no answer from " + baseUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.UNREACHABLE, "interrupted while waiting for " + baseUrl);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new CliException(CliException.FAILED, "HTTP " + response.statusCode() + " with a body that is not"
                    + " JSON (is " + response.uri() + " a collector admin endpoint?)");
        }
    }

    private static String message(HttpResponse<String> response, JsonNode body) {
        String error = body.hasNonNull("error") ? body.get("error").asText()
                : body.has("notReady") ? "not ready: " + body.get("notReady") : "HTTP " + response.statusCode();
        if (response.statusCode() == 401) {
            return "authentication failed: " + error + " (give --token, or --user and --password)";
        }
        return body.hasNonNull("leader") ? error + " (leader: " + body.get("leader").asText() + ")" : error;
    }
}
