package io.sluice.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shape checks for the ARNs and names a rollout file refers to. */
public final class Arns {
    private static final Pattern ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):(\\d{12}|):(.+)");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private Arns() {
    }

    public record Arn(String partition, String service, String region, String account, String resource) {
    }

    public static Optional<Arn> parse(String text) {
        Matcher m = ARN.matcher(text);
        return m.matches() ? Optional.of(new Arn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)))
                : Optional.empty();
    }

    public static boolean isRegion(String text) {
        return REGION.matcher(text).matches();
    }

    public static boolean isDnsLabel(String text) {
        return text.length() <= 63 && DNS_LABEL.matcher(text).matches();
    }

    /**
     * Checks that {@code text} is an ARN of {@code service} in a regional shape whose resource starts
     * with {@code resourcePrefix}; returns what is wrong, or empty when it is fine.
     */
    public static Optional<String> problem(String text, String service, String resourcePrefix, String what) {
        Optional<Arn> arn = parse(text);
        if (arn.isEmpty()) {
            return Optional.of("'" + text + "' is not an ARN; expected arn:aws:" + service + ":REGION:ACCOUNT:"
                    + resourcePrefix + "...");
        }
        Arn a = arn.get();
        if (!a.service().equals(service)) {
            return Optional.of("expected " + what + " ARN (service " + service + "), got an ARN of service " + a.service());
        }
        if (!isRegion(a.region())) {
            return Optional.of("region '" + a.region() + "' of the ARN is not a region such as us-east-1");
        }
        if (a.account().isEmpty()) {
            return Optional.of("the ARN has no 12-digit account id");
        }
        if (!a.resource().startsWith(resourcePrefix)) {
            return Optional.of("expected " + what + " ARN (resource " + resourcePrefix + "...), got resource '"
                    + a.resource() + "'");
        }
        return Optional.empty();
    }
}
