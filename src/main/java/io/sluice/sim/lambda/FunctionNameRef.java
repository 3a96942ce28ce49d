package io.sluice.sim.lambda;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function named the three ways Lambda accepts: {@code my-fn}, {@code 123456789012:function:my-fn}
 * or {@code arn:aws:lambda:us-east-1:123456789012:function:my-fn}, each optionally with
 * {@code :qualifier}. The pattern is the model's {@code NamespacedFunctionName}.
 */
record FunctionNameRef(String name, Optional<String> region, Optional<String> account, Optional<String> qualifier) {
    private static final Pattern FORM = Pattern.compile(
            "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
                    + "([a-zA-Z0-9-_.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?");

    static FunctionNameRef parse(String raw) {
        Matcher m = FORM.matcher(raw);
        if (raw.isEmpty() || raw.length() > 256 || !m.matches()) {
            throw LambdaErrors.validation("Value '" + raw + "' at 'functionName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: " + FORM.pattern()).raise();
        }
        String name = m.group(10);
        boolean bare = m.group(1) == null && m.group(3) == null && m.group(8) == null && m.group(9) == null;
        if (bare && name.length() > 64) {
            throw LambdaErrors.validation("Value '" + raw + "' at 'functionName' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 64").raise();
        }
        return new FunctionNameRef(name,
                Optional.ofNullable(m.group(3)).map(r -> r.substring(0, r.length() - 1)),
                Optional.ofNullable(m.group(8)).map(a -> a.substring(0, a.length() - 1)),
                Optional.ofNullable(m.group(12)));
    }
}
