package io.sluice.analysis;

import io.sluice.model.Check;
import io.sluice.model.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP probe: one GET per check, measured as the latency in seconds (until the whole body is read).
 *
 * <p>A status other than {@code expectStatus}, no answer within the check's timeout, a refused or
 * reset connection and an unknown host all <em>fail</em> the check instead of being provider errors:
 * the probe itself can always be asked, so when it gets no good answer it is the service that is
 * failing, which is exactly what "3 consecutive failed health checks" must catch. Only a probe that
 * cannot be sent at all (a malformed URL) or an interrupted pass is a provider error. Redirects are
 * not followed: a health endpoint that redirects (say, to a login page) is not healthy.
 */
final class HttpProbe implements CheckProvider {
    private final HttpClient http;
    private final AddressOverrides addresses;

    HttpProbe(HttpClient http, AddressOverrides addresses) {
        this.http = http;
        this.addresses = addresses;
    }

    @Override
    public List<Batch> batches(List<DueCheck> due, Instant now) {
        return due.stream().map(d -> new Batch(List.of(d), () -> Map.of(d.ref(), probe((Check.Http) d.check().source())))).toList();
    }

    Measurement probe(Check.Http h) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(addresses.rewrite(URI.create(h.url()))).timeout(h.timeout()).GET().build();
        } catch (IllegalArgumentException e) {
            return new Measurement.ProviderError("cannot probe '" + h.url() + "': " + e.getMessage());
        }
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> call = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // the request timeout covers the headers; this also bounds a connect that never completes
            HttpResponse<Void> response = call.get(h.timeout().toMillis() + 250, TimeUnit.MILLISECONDS);
            double latency = (System.nanoTime() - started) / 1e9;
            if (response.statusCode() != h.expectStatus()) {
                return new Measurement.Failing(Optional.of(latency), "HTTP " + response.statusCode() + " from " + h.url());
            }
            return Measurement.Value.of(latency);
        } catch (TimeoutException e) {
            call.cancel(true);
            return timedOut(h);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return timedOut(h);
            }
            if (cause instanceof ConnectException) {
                return new Measurement.Failing(Optional.empty(), "connection to " + h.url() + " refused");
            }
            if (cause instanceof IOException) {
                return new Measurement.Failing(Optional.empty(), h.url() + ": " + cause);
            }
            return new Measurement.ProviderError("cannot probe " + h.url() + ": " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return new Measurement.ProviderError("probe of " + h.url() + " interrupted");
        }
    }

    private static Measurement timedOut(Check.Http h) {
        return new Measurement.Failing(Optional.empty(), "no answer from " + h.url() + " within " + Durations.format(h.timeout()));
    }
}
