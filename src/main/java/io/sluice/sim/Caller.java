package io.sluice.sim;

/**
 * Who signed a request: the account and the principal ARN that {@code GetCallerIdentity} would
 * answer for its access key. An unknown key is the scenario's default identity.
 */
public record Caller(String account, String arn) {
    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final Caller DEFAULT = new Caller(DEFAULT_ACCOUNT, "arn:aws:iam::" + DEFAULT_ACCOUNT + ":user/sluice-sim");

    /** The caller of an IAM or STS principal ARN ({@code arn:aws:iam::ACCOUNT:...}). */
    public static Caller ofArn(String arn) {
        return new Caller(Arn.parse(arn).map(Arn::account).filter(a -> !a.isEmpty()).orElse(DEFAULT_ACCOUNT), arn);
    }
}
