package io.sluice.sim.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TreeMap;

/** Renders Lambda's response shapes ({@code AliasConfiguration}, {@code FunctionConfiguration}). */
final class LambdaJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Lambda writes LastModified as {@code 2026-11-22T10:15:30.000+0000}. */
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private LambdaJson() {
    }

    static ObjectNode alias(LambdaFunction function, FunctionAlias alias) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("AliasArn", function.arn(alias.name()));
        node.put("Name", alias.name());
        node.put("FunctionVersion", alias.functionVersion());
        node.put("Description", alias.description());
        if (!alias.additionalVersionWeights().isEmpty()) {
            ObjectNode weights = node.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
            new TreeMap<>(alias.additionalVersionWeights()).forEach(weights::put);
        }
        node.put("RevisionId", alias.revisionId());
        return node;
    }

    /** {@code qualifier} is how the caller named it: none, a version or an alias name. */
    static ObjectNode configuration(LambdaFunction function, FunctionVersion version, String arnQualifier) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("FunctionName", function.name());
        node.put("FunctionArn", arnQualifier == null ? function.arn() : function.arn(arnQualifier));
        node.put("Runtime", version.runtime());
        node.put("Role", version.role());
        node.put("Handler", version.handler());
        node.put("CodeSize", version.codeSize());
        node.put("Description", version.description());
        node.put("Timeout", version.timeout());
        node.put("MemorySize", version.memorySize());
        node.put("LastModified", LAST_MODIFIED.format(version.lastModified()));
        node.put("CodeSha256", version.codeSha256());
        node.put("Version", version.version());
        version.deadLetterTargetArn().ifPresent(arn -> node.putObject("DeadLetterConfig").put("TargetArn", arn));
        node.putObject("TracingConfig").put("Mode", "PassThrough");
        node.put("RevisionId", version.revisionId());
        node.put("State", "Active");
        node.put("LastUpdateStatus", "Successful");
        node.put("PackageType", "Zip");
        ArrayNode architectures = node.putArray("Architectures");
        architectures.add("x86_64");
        node.putObject("EphemeralStorage").put("Size", 512);
        ObjectNode snapStart = node.putObject("SnapStart");
        snapStart.put("ApplyOn", "None");
        snapStart.put("OptimizationStatus", "Off");
        ObjectNode logging = node.putObject("LoggingConfig");
        logging.put("LogFormat", "Text");
        logging.put("LogGroup", "/aws/lambda/" + function.name());
        return node;
    }
}
