package io.sluice.sim.lambda;

import io.sluice.sim.AwsError;

/** The Lambda errors the simulator answers, with the codes, statuses and wording Lambda uses. */
final class LambdaErrors {
    private LambdaErrors() {
    }

    static AwsError notFound(String message) {
        return AwsError.client(404, "ResourceNotFoundException", message);
    }

    static AwsError functionNotFound(String arn) {
        return notFound("Function not found: " + arn);
    }

    static AwsError aliasNotFound(String aliasArn) {
        return notFound("Cannot find alias arn: " + aliasArn);
    }

    /** A function of another account, without a resource-based policy that lets the caller act on it. */
    static AwsError accessDenied(String callerArn, String action, String resourceArn) {
        return AwsError.client(403, "AccessDeniedException", "User: " + callerArn + " is not authorized to perform: "
                + action + " on resource: " + resourceArn + " because no resource-based policy allows the " + action
                + " action");
    }

    static AwsError invalidParameter(String message) {
        return AwsError.client(400, "InvalidParameterValueException", message);
    }

    /** Constraint violations of the model are reported by Lambda's front end as ValidationException. */
    static AwsError validation(String detail) {
        return AwsError.client(400, "ValidationException", "1 validation error detected: " + detail);
    }

    static AwsError staleRevision() {
        return AwsError.client(412, "PreconditionFailedException",
                "The Revision Id provided does not match the latest Revision Id. "
                        + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }
}
