package io.sluice.sim.elbv2;

import io.sluice.sim.protocol.FormParams;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Marker/PageSize paging of ELBv2 Describe calls; the marker is an opaque offset. */
record Paging<T>(List<T> page, Optional<String> nextMarker) {

    static <T> Paging<T> of(List<T> all, FormParams params) {
        int size = params.get("PageSize").map(v -> ActionParser.integer(v, "pageSize")).orElse(400);
        ActionParser.range(size, 1, 400, "pageSize");
        int from = params.get("Marker").map(Paging::offset).orElse(0);
        int to = Math.min(all.size(), from + size);
        Optional<String> next = to < all.size()
                ? Optional.of(Base64.getEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
        return new Paging<>(from >= all.size() ? List.of() : all.subList(from, to), next);
    }

    private static int offset(String marker) {
        try {
            return Integer.parseInt(new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ActionParser.invalid("The marker '" + marker + "' is not valid");
        }
    }
}
