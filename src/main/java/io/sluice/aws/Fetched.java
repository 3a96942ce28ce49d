package io.sluice.aws;

import io.sluice.traffic.TargetFailure;
import java.util.Optional;

/** One id's answer from a batched describe: its value, or why it could not be read. */
public record Fetched<T>(Optional<T> value, Optional<TargetFailure> failure) {

    static <T> Fetched<T> of(T value) {
        return new Fetched<>(Optional.of(value), Optional.empty());
    }

    static <T> Fetched<T> failed(TargetFailure failure) {
        return new Fetched<>(Optional.empty(), Optional.of(failure));
    }

    /** The value, or the failure thrown. */
    public T get() {
        if (failure.isPresent()) {
            throw failure.get();
        }
        return value.orElseThrow();
    }
}
