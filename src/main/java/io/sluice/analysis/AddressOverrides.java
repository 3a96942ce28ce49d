package io.sluice.analysis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends HTTP probes and Prometheus queries for a host to another address, as curl's {@code --resolve}
 * does: {@code nodeapp-green.internal.example.com=127.0.0.1:18080}. For running the example repo
 * against local stand-ins, and for probing through a port-forward.
 */
public final class AddressOverrides {
    private final Map<String, String> byHost;

    private AddressOverrides(Map<String, String> byHost) {
        this.byHost = Map.copyOf(byHost);
    }

    public static AddressOverrides none() {
        return new AddressOverrides(Map.of());
    }

    /** Entries {@code host=address[:port]}; a malformed entry is a configuration error naming it. */
    public static AddressOverrides parse(List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("sluice.analysis.resolve: expected host=address[:port], got '" + e + "'");
            }
            map.put(e.substring(0, eq).trim(), e.substring(eq + 1).trim());
        }
        return new AddressOverrides(map);
    }

    /** The URI to connect to for {@code uri}: its authority replaced when its host is overridden. */
    public URI rewrite(URI uri) {
        String target = uri.getHost() == null ? null : byHost.get(uri.getHost());
        if (target == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), target, uri.getRawPath(), uri.getRawQuery(), uri.getRawFragment())
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot send " + uri + " to " + target + ": " + e.getMessage(), e);
        }
    }
}
