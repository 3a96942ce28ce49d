package io.sluice.sim.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.sim.AwsError;
import io.sluice.sim.Caller;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import io.sluice.sim.ServiceBase;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Lambda's alias control plane over REST-JSON: GetAlias, UpdateAlias, ListAliases,
 * ListVersionsByFunction, GetFunction and GetFunctionConfiguration, with state per account and
 * region. A function named by an ARN of another region is not reachable (404), one of another
 * account is not the caller's to read or change (403, no resource-based policy is simulated).
 */
public final class LambdaService extends ServiceBase<Map<Scope, Map<String, LambdaFunction>>> {
    private static final String API = "2015-03-31";
    private static final Pattern ALIAS_NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    private static final Pattern QUALIFIER = Pattern.compile("\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+");
    /** ListVersionsByFunction "returns a maximum of 50 items in each response". */
    private static final int VERSIONS_PAGE_LIMIT = 50;

    public LambdaService(SimClock clock) {
        super("lambda", clock, new LinkedHashMap<>());
    }

    @Override
    public boolean recognises(SimRequest request) {
        return request.path().startsWith("/" + API + "/functions");
    }

    @Override
    public String operationName(SimRequest request) {
        List<String> p = RestPath.segments(request.path());
        String method = request.method();
        if (p.size() == 4 && p.get(2).equals("functions")) {
            return method.equals("GET") ? "GetFunction" : method.equals("DELETE") ? "DeleteFunction" : "Unknown";
        }
        if (p.size() == 6 && p.get(4).equals("aliases")) {
            return method.equals("PUT") ? "UpdateAlias" : method.equals("DELETE") ? "DeleteAlias" : "GetAlias";
        }
        if (p.size() == 5) {
            return switch (p.get(4)) {
                case "aliases" -> method.equals("POST") ? "CreateAlias" : "ListAliases";
                case "versions" -> method.equals("POST") ? "PublishVersion" : "ListVersionsByFunction";
                case "configuration" -> method.equals("PUT") ? "UpdateFunctionConfiguration" : "GetFunctionConfiguration";
                default -> "Unknown";
            };
        }
        return "Unknown";
    }

    @Override
    protected SimResponse answer(SimRequest request, Map<Scope, Map<String, LambdaFunction>> functions, Instant now) {
        List<String> p = RestPath.segments(request.path());
        String operation = operationName(request);
        if (p.size() < 4 || !p.get(1).equals(API) || !p.get(2).equals("functions")) {
            throw unknownOperation();
        }
        FunctionNameRef ref = FunctionNameRef.parse(p.get(3));
        Access caller = new Access(request, operation, functions);
        Map<String, String> query = RestPath.query(request.rawQuery());
        return switch (operation) {
            case "GetAlias" -> {
                LambdaFunction function = unqualified(ref, caller);
                yield json(LambdaJson.alias(function, alias(function, p.get(5))));
            }
            case "UpdateAlias" -> json(updateAlias(unqualified(ref, caller), p.get(5), request));
            case "ListAliases" -> json(listAliases(unqualified(ref, caller), query));
            case "ListVersionsByFunction" -> json(listVersions(unqualified(ref, caller), query));
            case "GetFunctionConfiguration" -> json(configuration(ref, caller, query));
            case "GetFunction" -> json(getFunction(ref, caller, query));
            default -> throw unknownOperation();
        };
    }

    /** Who asks, where, for which IAM action ({@code lambda:GetAlias}), over which functions. */
    private record Access(Caller who, Scope scope, String action,
            Map<Scope, Map<String, LambdaFunction>> functions) {
        Access(SimRequest request, String operation, Map<Scope, Map<String, LambdaFunction>> functions) {
            this(request.caller(), Scope.of(request), "lambda:" + operation, functions);
        }
    }

    private ObjectNode updateAlias(LambdaFunction function, String aliasName, SimRequest request) {
        AliasUpdate update = readUpdate(request);
        update.checkConstraints();
        FunctionAlias current = alias(function, aliasName);
        FunctionAlias updated = update.applyTo(function, current, UUID.randomUUID().toString());
        function.putAlias(updated);
        return LambdaJson.alias(function, updated);
    }

    private ObjectNode listAliases(LambdaFunction function, Map<String, String> query) {
        Optional<String> version = Optional.ofNullable(query.get("FunctionVersion"));
        List<FunctionAlias> matching = function.aliases().stream()
                .filter(a -> version.isEmpty() || a.functionVersion().equals(version.get())).toList();
        ObjectNode out = LambdaJson.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Aliases");
        page(matching, FunctionAlias::name, query, Integer.MAX_VALUE, out)
                .forEach(a -> list.add(LambdaJson.alias(function, a)));
        return out;
    }

    private ObjectNode listVersions(LambdaFunction function, Map<String, String> query) {
        ObjectNode out = LambdaJson.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Versions");
        page(function.versions(), FunctionVersion::version, query, VERSIONS_PAGE_LIMIT, out)
                .forEach(v -> list.add(LambdaJson.configuration(function, v, v.version())));
        return out;
    }

    /** One page from {@code Marker}; the marker is the key of the first item of the next page. */
    private static <T> List<T> page(List<T> all, Function<T, String> key, Map<String, String> query, int cap,
            ObjectNode out) {
        int maxItems = cap;
        String rawMax = query.get("MaxItems");
        if (rawMax != null) {
            int requested;
            try {
                requested = Integer.parseInt(rawMax);
            } catch (NumberFormatException e) {
                throw LambdaErrors.invalidParameter("Invalid value for MaxItems: " + rawMax).raise();
            }
            if (requested < 1 || requested > 10000) {
                throw LambdaErrors.validation("Value '" + requested + "' at 'maxItems' failed to satisfy constraint: "
                        + "Member must have value " + (requested < 1 ? "greater than or equal to 1"
                        : "less than or equal to 10000")).raise();
            }
            maxItems = Math.min(requested, cap);
        }
        int start = 0;
        String marker = query.get("Marker");
        if (marker != null) {
            start = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (key.apply(all.get(i)).equals(marker)) {
                    start = i;
                    break;
                }
            }
        }
        int end = Math.min(all.size(), start + maxItems);
        if (end < all.size()) {
            out.put("NextMarker", key.apply(all.get(end)));
        }
        return all.subList(start, end);
    }

    private ObjectNode getFunction(FunctionNameRef ref, Access caller, Map<String, String> query) {
        ObjectNode configuration = configuration(ref, caller, query);
        ObjectNode out = LambdaJson.MAPPER.createObjectNode();
        out.set("Configuration", configuration);
        Scope scope = caller.scope();
        ObjectNode code = out.putObject("Code");
        code.put("RepositoryType", "S3");
        code.put("Location", "https://awslambda-" + scope.region() + "-tasks.s3." + scope.region()
                + ".amazonaws.com/snapshots/" + scope.account() + "/" + configuration.get("FunctionName").asText()
                + "-" + UUID.nameUUIDFromBytes(configuration.get("CodeSha256").asText().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }

    private ObjectNode configuration(FunctionNameRef ref, Access caller, Map<String, String> query) {
        Optional<String> asked = Optional.ofNullable(query.get("Qualifier"));
        asked.ifPresent(q -> {
            if (q.length() > 128 || !QUALIFIER.matcher(q).matches()) {
                throw LambdaErrors.validation("Value '" + q + "' at 'qualifier' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: " + QUALIFIER.pattern()).raise();
            }
        });
        if (asked.isPresent() && ref.qualifier().isPresent() && !asked.equals(ref.qualifier())) {
            throw LambdaErrors.invalidParameter(
                    "The derived qualifier from the function name does not match the specified qualifier.").raise();
        }
        LambdaFunction function = function(ref, caller);
        Optional<String> qualifier = asked.or(ref::qualifier);
        if (qualifier.isEmpty()) {
            return LambdaJson.configuration(function, function.version(FunctionVersion.LATEST).orElseThrow(), null);
        }
        String q = qualifier.get();
        Optional<FunctionVersion> version = function.version(q);
        if (version.isPresent()) {
            return LambdaJson.configuration(function, version.get(), q);
        }
        FunctionAlias alias = function.alias(q)
                .orElseThrow(() -> LambdaErrors.functionNotFound(function.arn(q)).raise());
        return LambdaJson.configuration(function, function.version(alias.functionVersion()).orElseThrow(), q);
    }

    private LambdaFunction unqualified(FunctionNameRef ref, Access caller) {
        if (ref.qualifier().isPresent()) {
            // The alias and version listings address the function itself, never one of its versions.
            throw LambdaErrors.invalidParameter("Unsupported qualifier in function name: " + ref.qualifier().get())
                    .raise();
        }
        return function(ref, caller);
    }

    /**
     * The function of the caller's scope. An ARN of another region is refused first, as Lambda's
     * endpoint does (404 "Functions from ... are not reachable in this region"); a function of
     * another account is then the caller's only through a resource-based policy, which the
     * simulator never grants (403 AccessDeniedException).
     */
    private LambdaFunction function(FunctionNameRef ref, Access caller) {
        Scope scope = caller.scope();
        if (ref.region().isPresent() && !ref.region().get().equals(scope.region())) {
            throw LambdaErrors.notFound("Functions from '" + ref.region().get()
                    + "' are not reachable in this region ('" + scope.region() + "')").raise();
        }
        Scope named = new Scope(ref.account().orElse(scope.account()), scope.region());
        String arn = LambdaFunction.arn(named, ref.name());
        if (!named.equals(scope)) {
            throw LambdaErrors.accessDenied(caller.who().arn(), caller.action(),
                    ref.qualifier().map(q -> arn + ":" + q).orElse(arn)).raise();
        }
        LambdaFunction function = caller.functions().getOrDefault(scope, Map.of()).get(ref.name());
        if (function == null) {
            throw LambdaErrors.functionNotFound(arn).raise();
        }
        return function;
    }

    private static FunctionAlias alias(LambdaFunction function, String name) {
        if (name.isEmpty() || name.length() > 128 || !ALIAS_NAME.matcher(name).matches()) {
            throw LambdaErrors.validation("Value '" + name + "' at 'name' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: " + ALIAS_NAME.pattern()).raise();
        }
        return function.alias(name).orElseThrow(() -> LambdaErrors.aliasNotFound(function.arn(name)).raise());
    }

    private static AliasUpdate readUpdate(SimRequest request) {
        JsonNode body;
        try {
            body = request.body().length == 0 ? LambdaJson.MAPPER.createObjectNode()
                    : LambdaJson.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw AwsError.client(400, "SerializationException", "Could not parse request body into json").raise();
        }
        if (body == null || !body.isObject()) {
            throw AwsError.client(400, "SerializationException", "Could not parse request body into json").raise();
        }
        Optional<Map<String, Double>> routing = Optional.empty();
        JsonNode routingConfig = body.get("RoutingConfig");
        if (routingConfig != null && !routingConfig.isNull()) {
            Map<String, Double> weights = new LinkedHashMap<>();
            JsonNode additional = routingConfig.get("AdditionalVersionWeights");
            if (additional != null && additional.isObject()) {
                additional.fields().forEachRemaining(e ->
                        weights.put(e.getKey(), e.getValue().isNumber() ? e.getValue().doubleValue() : null));
            }
            routing = Optional.of(weights);
        }
        return new AliasUpdate(text(body, "FunctionVersion"), text(body, "Description"), routing,
                text(body, "RevisionId"));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static AwsError.Raised unknownOperation() {
        return AwsError.client(404, "UnknownOperationException", "Unknown operation").raise();
    }

    private static SimResponse json(JsonNode node) {
        return SimResponse.of(200, "application/json", node.toString());
    }

    @Override
    public SimResponse error(SimRequest request, AwsError error) {
        ObjectNode body = LambdaJson.MAPPER.createObjectNode();
        body.put("Type", error.sender() ? "User" : "Service");
        // The model spells the member "Message" on these two shapes and "message" on the others.
        boolean capital = error.code().equals("ResourceNotFoundException") || error.code().equals("ServiceException")
                || error.code().equals("AccessDeniedException");
        body.put(capital ? "Message" : "message", error.message());
        boolean throttled = error.code().equals("TooManyRequestsException");
        if (throttled) {
            body.put("Reason", "CallerRateLimitExceeded");
        }
        SimResponse response = SimResponse.of(error.status(), "application/json", body.toString())
                .withHeader("x-amzn-ErrorType", error.code());
        return throttled ? response.withHeader("Retry-After", "1") : response;
    }

    @Override
    protected Map<Scope, Map<String, LambdaFunction>> read(ScenarioFields section, Instant now) {
        return LambdaScenario.read(section, now);
    }

    @Override
    protected Map<String, Object> describe(Map<Scope, Map<String, LambdaFunction>> functions, Instant now) {
        Map<String, Object> regions = new LinkedHashMap<>();
        functions.forEach((scope, byName) -> {
            Map<String, Object> described = new LinkedHashMap<>();
            byName.forEach((name, f) -> {
                List<Object> versions = new ArrayList<>();
                f.versions().forEach(v -> versions.add(Map.of("version", v.version(), "role", v.role())));
                List<Object> aliases = new ArrayList<>();
                f.aliases().forEach(a -> aliases.add(Map.of("name", a.name(), "functionVersion", a.functionVersion(),
                        "weights", a.additionalVersionWeights(), "revisionId", a.revisionId())));
                described.put(name, Map.of("versions", versions, "aliases", aliases));
            });
            regions.put(scope.key(), described);
        });
        return Map.of("functions", regions);
    }
}
