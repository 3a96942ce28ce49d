package io.sluice.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the simulator received it. Header names are lower case.
 * {@code signingName}, {@code region} and {@code accessKeyId} come from the SigV4
 * credential scope of the Authorization header; they are empty for an unsigned request.
 * {@code caller} is who holds the access key, as the server resolved it before routing.
 */
public record SimRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        Optional<String> signingName,
        Optional<String> region,
        Optional<String> accessKeyId,
        Caller caller) {

    /** A request whose caller is not resolved yet (the default identity). */
    public SimRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
            Optional<String> signingName, Optional<String> region, Optional<String> accessKeyId) {
        this(method, path, rawQuery, headers, body, signingName, region, accessKeyId, Caller.DEFAULT);
    }

    public SimRequest withCaller(Caller who) {
        return new SimRequest(method, path, rawQuery, headers, body, signingName, region, accessKeyId, who);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The region of the signature, or us-east-1 for requests that carry none. */
    public String regionOrDefault() {
        return region.orElse(Scope.DEFAULT_REGION);
    }
}
