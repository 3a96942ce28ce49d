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
 * server's own "now". One sample (a vector of one series, or a scalar) is the value; an empty vector
 * or NaN (0/0 while nothing is served) is no data; several series, another result type, an error
 * answer or an unreachable server are provider errors, never failures.
 */
final class PrometheusProvider implements CheckProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;
    private final AddressOverrides addresses;

    private final boolean atNow;
    private final JudgeStatistics statistics;

    PrometheusProvider(HttpClient http, Duration timeout, AddressOverrides addresses) {
        this(http, timeout, addresses, false);
    }

    /** @param atNow evaluate each query at the pass's {@code now} rather than at the server's clock */
    PrometheusProvider(HttpClient http, Duration timeout, AddressOverrides addresses, boolean atNow) {
        this(http, timeout, addresses, atNow, JudgeStatisticsFactory.standard());
    }

    PrometheusProvider(HttpClient http, Duration timeout, AddressOverrides addresses, boolean atNow,
                       JudgeStatistics statistics) {
        this.http = http;
        this.timeout = timeout;
        this.addresses = addresses;
        this.atNow = atNow;
        this.statistics = statistics;
    }

    /** When instant queries of a pass at {@code now} are evaluated: then, or at the server's own clock. */
    Optional<Instant> evaluatedAt(Instant now) {
        return atNow ? Optional.of(now) : Optional.empty();
    }

    @Override
    public List<Batch> batches(List<DueCheck> due, Instant now) {
        return due.stream().map(d -> new Batch(List.of(d), () -> Map.of(d.ref(), new PrometheusReading(this, d, now,
                statistics).measurement()))).toList();
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
        return query(p.address(), p.query(), at);
    }

    /** The answer's {@code data}, or the provider error it amounts to. */
    private record Answer(JsonNode data, Measurement.ProviderError error) {
    }

    private Answer ask(String address, String pathAndParameters) {
        String where = "Prometheus " + address;
        HttpResponse<String> response;
        try {
            URI uri = addresses.rewrite(URI.create(base(address) + pathAndParameters));
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IllegalArgumentException e) {
            return new Answer(null, new Measurement.ProviderError(where + ": " + e.getMessage()));
        } catch (IOException e) {
            return new Answer(null, new Measurement.ProviderError(where + " unreachable: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, new Measurement.ProviderError(where + ": interrupted"));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return new Answer(null, new Measurement.ProviderError(where + " answered HTTP " + response.statusCode()
                    + " without a JSON body"));
        }
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            return new Answer(null, new Measurement.ProviderError(where + " answered HTTP " + response.statusCode() + ": "
                    + body.path("errorType").asText("error") + ": " + body.path("error").asText("")));
        }
        return new Answer(body.path("data"), null);
    }

    Measurement query(String address, String query, Optional<Instant> at) {
        Answer answer = ask(address, "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + at.map(t -> "&time=" + BigDecimal.valueOf(t.toEpochMilli(), 3).stripTrailingZeros().toPlainString())
                .orElse(""));
        if (answer.error() != null) {
            return answer.error();
        }
        JsonNode data = answer.data();
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        switch (type) {
            case "scalar":
                return sample(result, query);
            case "vector":
                if (result.size() == 0) {
                    return new Measurement.NoData("query returned no series: " + query);
                }
                if (result.size() > 1) {
                    return new Measurement.ProviderError("query returned " + result.size() + " series; aggregate it to one");
                }
                return sample(result.get(0).path("value"), query);
            default:
                return new Measurement.ProviderError("query returned a " + type + "; an instant query must give one sample");
        }
    }

    /** The samples of a range query ({@code /api/v1/query_range}) of one series, oldest first; NaN is left out. */
    Optional<double[]> range(String address, String query, Instant start, Instant end, Duration step,
                             java.util.function.Consumer<Measurement.ProviderError> trouble) {
        Answer answer = ask(address, "/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + start.getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=" + step.toSeconds() + "s");
        if (answer.error() != null) {
            trouble.accept(answer.error());
            return Optional.empty();
        }
        JsonNode result = answer.data().path("result");
        if (!"matrix".equals(answer.data().path("resultType").asText()) || result.size() > 1) {
            trouble.accept(new Measurement.ProviderError("range query returned " + result.size() + " series of type "
                    + answer.data().path("resultType").asText() + "; aggregate it to one: " + query));
            return Optional.empty();
        }
        if (result.size() == 0) {
            return Optional.of(new double[0]);
        }
        java.util.List<Double> values = new java.util.ArrayList<>();
        for (JsonNode pair : result.get(0).path("values")) {
            parse(pair.path(1).asText("")).filter(v -> !v.isNaN()).ifPresent(values::add);
        }
        return Optional.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A sample is {@code [unix time, "value"]}; the value is a string so that NaN and ±Inf survive JSON. */
    private static Measurement sample(JsonNode pair, String query) {
        String text = pair.path(1).asText("");
        Optional<Double> value = parse(text);
        if (value.isEmpty()) {
            return new Measurement.ProviderError("query returned a sample that is not a number: '" + text + "'");
        }
        if (value.get().isNaN()) {
            return new Measurement.NoData("query returned NaN (e.g. 0/0 while nothing is served): " + query);
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
