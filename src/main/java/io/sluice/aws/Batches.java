package io.sluice.aws;

import io.sluice.traffic.TargetFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads many ids with as few calls as the API allows. APIs such as DescribeListeners refuse a whole
 * batch when one id is unknown; then, and only then, each id of that batch is asked alone so that
 * one deleted listener does not blind the others. Throttling or an outage fails the batch's ids
 * without asking again.
 */
public final class Batches {
    private Batches() {
    }

    /**
     * @param call one API call for up to {@code size} ids, answering the ids it found
     * @param what names the call in failures, e.g. {@code "DescribeListeners"}
     */
    public static <T> Map<String, Fetched<T>> fetch(List<String> ids, int size, Function<List<String>, Map<String, T>> call,
            String what) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<String, Fetched<T>> out = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += size) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + size));
            TargetFailure failure = fetchInto(out, chunk, call, what);
            if (failure != null && failure.kind() == TargetFailure.Kind.NOT_FOUND && chunk.size() > 1) {
                chunk.forEach(id -> fetchInto(out, List.of(id), call, what));
            }
        }
        return out;
    }

    private static <T> TargetFailure fetchInto(Map<String, Fetched<T>> out, List<String> chunk,
            Function<List<String>, Map<String, T>> call, String what) {
        try {
            Map<String, T> found = call.apply(chunk);
            for (String id : chunk) {
                T value = found.get(id);
                out.put(id, value != null ? Fetched.of(value)
                        : Fetched.failed(AwsFailures.notFound(what + " " + id + ": not found")));
            }
            return null;
        } catch (SdkException e) {
            TargetFailure failure = AwsFailures.of(e, what + " " + (chunk.size() == 1 ? chunk.get(0) : chunk.size() + " ids"));
            chunk.forEach(id -> out.put(id, Fetched.failed(failure)));
            return failure;
        }
    }
}
