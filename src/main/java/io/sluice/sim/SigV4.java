package io.sluice.sim;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the credential scope of a SigV4 {@code Authorization} header
 * ({@code AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/lambda/aws4_request, ...}).
 * The simulator accepts any signature value; it only needs to know who signed for what.
 */
public record SigV4(String accessKeyId, String date, String region, String service) {
    private static final Pattern CREDENTIAL =
            Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");

    public static Optional<SigV4> parse(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().startsWith("AWS4-HMAC-SHA256")) {
            return Optional.empty();
        }
        Matcher m = CREDENTIAL.matcher(authorization.get());
        if (!m.find() || !authorization.get().contains("Signature=")) {
            return Optional.empty();
        }
        return Optional.of(new SigV4(m.group(1), m.group(2), m.group(3), m.group(4)));
    }
}
