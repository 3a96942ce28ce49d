package io.sluice.model;

import java.util.Optional;

/** An enum constant named in rollout files by a key of its own ({@code alb}, {@code targetHealth}). */
public interface Keyed {

    /** The key a rollout file names it with. */
    String key();

    /** The constant of {@code values} whose key is {@code key}. */
    static <E extends Keyed> Optional<E> ofKey(E[] values, String key) {
        for (E e : values) {
            if (e.key().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
