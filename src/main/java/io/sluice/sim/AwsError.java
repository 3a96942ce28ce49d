package io.sluice.sim;

/**
 * An error as an AWS service reports it: HTTP status, error code and message. {@code sender} is
 * true for client faults (awsQuery {@code <Type>Sender</Type>}), false for server faults.
 * Each service renders it in its own protocol's error shape.
 */
public record AwsError(int status, String code, String message, boolean sender) {

    public static AwsError client(int status, String code, String message) {
        return new AwsError(status, code, message, true);
    }

    public static AwsError server(int status, String code, String message) {
        return new AwsError(status, code, message, false);
    }

    /** Thrown by service code to answer a request with an error. */
    public static final class Raised extends RuntimeException {
        private final AwsError error;

        public Raised(AwsError error) {
            super(error.code() + ": " + error.message(), null, false, false);
            this.error = error;
        }

        public AwsError error() {
            return error;
        }
    }

    public Raised raise() {
        return new Raised(this);
    }
}
