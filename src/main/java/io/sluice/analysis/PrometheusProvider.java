package io.sluice.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.model.Check;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus: an instant query through the HTTP API ({@code GET /api/v1/query}), evaluated at the
 * server's own "now", or at the pass's {@code now} ({@code time=}) when replaying past data. One sample (a vector of one series, or a scalar) is the value; an empty vector
 * or NaN (0/0 while nothing is served) is no data; several series, another result type, an error
 * answer or an unreachable server are provider errors, never failures.
 */
final class PrometheusProvider implements CheckProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;
    private final AddressOverrides addresses;
    private final boolean atNow;

    PrometheusProvider(HttpClient http, Duration timeout, AddressOverrides addresses) {
        this(http, timeout, addresses, false);
    }

    /** @param atNow evaluate each query at the pass's {@code now} rather than at the server's clock */
    PrometheusProvider(HttpClient http, Duration timeout, AddressOverrides addresses, boolean atNow) {
        this.http = http;
        this.timeout = timeout;
        this.addresses = addresses;
        this.atNow = atNow;
    }

    @Override
    public List<Batch> batches(List<DueCheck> due, Instant now) {
        Optional<Instant> at = atNow ? Optional.of(now) : Optional.empty();
        return due.stream().map(d -> new Batch(List.of(d), () -> Map.of(d.ref(), query((Check.Prometheus) d.check().source(), at)))).toList();
    }

    /** Whether the server answers as ready ({@code GET /-/ready}). */
    boolean isOnline(String address) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(addresses.rewrite(URI.create(base(address) + "/-/ready"))).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Measurement query(Check.Prometheus p) {
        return query(p, Optional.empty());
    }

    Measurement query(Check.Prometheus p, Optional<Instant> at) {
        String where = "Prometheus " + p.address();
        HttpResponse<String> response;
        try {
            URI uri = addresses.rewrite(URI.create(base(p.address()) + "/api/v1/query?query="
                    + URLEncoder.encode(p.query(), StandardCharsets.UTF_8)
                    + at.map(t -> "&time=" + BigDecimal.valueOf(t.toEpochMilli(), 3).stripTrailingZeros().toPlainString()).orElse("")));
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IllegalArgumentException e) {
            return new Measurement.ProviderError(where + ": " + e.getMessage());
        } catch (IOException e) {
            return new Measurement.ProviderError(where + " unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Measurement.ProviderError(where + ": interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return new Measurement.ProviderError(where + " answered HTTP " + response.statusCode() + " without a JSON body");
        }
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            return new Measurement.ProviderError(where + " answered HTTP " + response.statusCode() + ": "
                    + body.path("errorType").asText("error") + ": " + body.path("error").asText(""));
        }
        JsonNode data = body.path("data");
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        switch (type) {
            case "scalar":
                return sample(result, p);
            case "vector":
                if (result.size() == 0) {
                    return new Measurement.NoData("query returned no series: " + p.query());
                }
                if (result.size() > 1) {
                    return new Measurement.ProviderError("query returned " + result.size() + " series; aggregate it to one");
                }
                return sample(result.get(0).path("value"), p);
            default:
                return new Measurement.ProviderError("query returned a " + type + "; an instant query must give one sample");
        }
    }

    /** A sample is {@code [unix time, "value"]}; the value is a string so that NaN and ±Inf survive JSON. */
    private static Measurement sample(JsonNode pair, Check.Prometheus p) {
        String text = pair.path(1).asText("");
        Optional<Double> value = parse(text);
        if (value.isEmpty()) {
            return new Measurement.ProviderError("query returned a sample that is not a number: '" + text + "'");
        }
        if (value.get().isNaN()) {
            return new Measurement.NoData("query returned NaN (e.g. 0/0 while nothing is served): " + p.query());
        }
        return Measurement.Value.of(value.get());
    }

    static Optional<Double> parse(String text) {
        switch (text) {
            case "+Inf":
            case "Inf":
                return Optional.of(Double.POSITIVE_INFINITY);
            case "-Inf":
                return Optional.of(Double.NEGATIVE_INFINITY);
            case "NaN":
                return Optional.of(Double.NaN);
            default:
                try {
                    return Optional.of(Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
        }
    }

    private static String base(String address) {
        return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    }
}
