package io.sluice.lease;

import io.sluice.model.Arns;
import io.sluice.model.Rollout;
import java.util.Optional;

/**
 * The shard of a rollout: the AWS account and region its calls go to, so that each account's quota
 * budget stays with one instance. Files that hold no readable rollout belong to {@link #REPOSITORY}.
 */
public final class Shards {
    /** The shard of work that concerns the repository rather than an account (files no rollout came from). */
    public static final String REPOSITORY = "repository";

    private Shards() {
    }

    /** {@code <account>/<region>}: the role's account, else the account of the target's ARNs, else {@code default}. */
    public static String of(Rollout rollout, String defaultRegion) {
        String region = rollout.aws().region().orElse(defaultRegion);
        String account = rollout.aws().roleArn().flatMap(Shards::accountOf)
                .or(() -> rollout.target().arns().stream().map(Shards::accountOf).flatMap(Optional::stream).findFirst())
                .orElse("default");
        return account + "/" + region;
    }

    private static Optional<String> accountOf(String arn) {
        return Arns.parse(arn).map(Arns.Arn::account).filter(a -> !a.isEmpty());
    }
}
