package io.sluice.sim;

/**
 * Knows who holds an access key. The STS service does (its scenario identity, the access keys the
 * scenario names and the sessions AssumeRole handed out); without it every key is {@link Caller#DEFAULT}.
 */
public interface Identities {
    Identities DEFAULT = accessKeyId -> Caller.DEFAULT;

    Caller callerOf(String accessKeyId);
}
