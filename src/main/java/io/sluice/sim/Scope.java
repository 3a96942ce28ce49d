package io.sluice.sim;

import java.util.regex.Pattern;

/**
 * Where a regional resource lives: an account and a region. A signed request sees the resources of
 * its caller's account in the region its signature names, and none of any other scope.
 */
public record Scope(String account, String region) {
    public static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /** The caller's account and the region of the request's signature. */
    public static Scope of(SimRequest request) {
        return new Scope(request.caller().account(), request.regionOrDefault());
    }

    /** A scope named in a scenario; {@code path} names the field in the error for a bad value. */
    public static Scope named(String account, String region, String path) {
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException(path + ".account: expected a 12-digit AWS account id, got '" + account + "'");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(path + ".region: expected an AWS region like us-east-1, got '" + region + "'");
        }
        return new Scope(account, region);
    }

    /** The default account in us-east-1. */
    public static Scope defaults() {
        return new Scope(Caller.DEFAULT_ACCOUNT, DEFAULT_REGION);
    }

    /**
     * This scope's key in {@code GET /_sim/state}: the region alone for the default account,
     * {@code account/region} for any other.
     */
    public String key() {
        return account.equals(Caller.DEFAULT_ACCOUNT) ? region : account + "/" + region;
    }
}
