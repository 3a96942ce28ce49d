package io.sluice.sim.sts;

import io.sluice.sim.AwsError;
import io.sluice.sim.Caller;
import io.sluice.sim.Identities;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.ServiceBase;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.protocol.FormParams;
import io.sluice.sim.protocol.QueryProtocol;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * AWS STS (awsQuery, signing name {@code sts}): GetCallerIdentity, which a daemon calls at start to
 * learn its account, and AssumeRole. The identity is an IAM user of account 123456789012 unless the
 * scenario says otherwise; the scenario may give further access keys identities of their own, and a
 * request signed with credentials from AssumeRole is that role's session, in the role's account.
 * Credentials expire in wall-clock time, as a client's clock sees them, whatever the simulated clock.
 * As {@link Identities} it tells every other service who signed a request.
 */
public final class StsService extends ServiceBase<StsService.Config> implements Identities {
    public static final String SIGNING_NAME = "sts";
    static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String API_VERSION = "2011-06-15";
    private static final String ACCOUNT = Caller.DEFAULT_ACCOUNT;
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[\\w]{16,128}");
    private static final Pattern PRINCIPAL_ARN = Pattern.compile(
            "arn:aws:(iam::\\d{12}:(user|role)/.+|sts::\\d{12}:assumed-role/.+/.+)");

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    /** Sessions by the access key id AssumeRole handed out; a new scenario keeps them. */
    private final Map<String, Identity> sessions = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong(1);

    record Identity(String account, String arn, String userId) {
        static final Identity DEFAULT = new Identity(ACCOUNT, Caller.DEFAULT.arn(), "AIDASIMULATORUSER0001");

        static Identity of(String arn, String userId) {
            return new Identity(Caller.ofArn(arn).account(), arn, userId);
        }
    }

    /**
     * What the scenario says: the default identity, the identities of further access keys, and the
     * roles that may be assumed (empty: any role).
     */
    record Config(Identity identity, Map<String, Identity> keys, Optional<Set<String>> assumable) {
        static final Config DEFAULT = new Config(Identity.DEFAULT, Map.of(), Optional.empty());
    }

    public StsService(SimClock clock) {
        super(SIGNING_NAME, clock, Config.DEFAULT);
    }

    @Override
    public boolean recognises(SimRequest request) {
        return FormParams.of(request).get("Version").filter(API_VERSION::equals).isPresent();
    }

    @Override
    public String operationName(SimRequest request) {
        return FormParams.of(request).action();
    }

    @Override
    protected SimResponse answer(SimRequest request, Config config, Instant now) {
        String action = FormParams.of(request).action();
        if (action.equals("AssumeRole")) {
            return assumeRole(request, FormParams.of(request), config);
        }
        if (!action.equals("GetCallerIdentity")) {
            throw AwsError.client(400, "InvalidAction",
                    "Could not find operation " + action + " for version " + API_VERSION).raise();
        }
        Identity id = caller(request, config);
        return QueryProtocol.result("GetCallerIdentity", XMLNS, xml -> xml
                .leaf("Arn", id.arn())
                .leaf("UserId", id.userId())
                .leaf("Account", id.account()));
    }

    private Identity caller(SimRequest request, Config config) {
        return request.accessKeyId().map(key -> identityOf(key, config)).orElse(config.identity());
    }

    private Identity identityOf(String accessKeyId, Config config) {
        Identity session = sessions.get(accessKeyId);
        if (session != null) {
            return session;
        }
        return config.keys().getOrDefault(accessKeyId, config.identity());
    }

    /** Called for every signed request of every service, so it reads the loaded config without the lock. */
    @Override
    public Caller callerOf(String accessKeyId) {
        Identity id = identityOf(accessKeyId, loaded());
        return new Caller(id.account(), id.arn());
    }

    private SimResponse assumeRole(SimRequest request, FormParams p, Config config) {
        String roleArn = p.get("RoleArn").orElseThrow(() -> missing("roleArn"));
        String session = p.get("RoleSessionName").orElseThrow(() -> missing("roleSessionName"));
        int duration = p.get("DurationSeconds").map(Integer::parseInt).orElse(3600);
        if (!SESSION_NAME.matcher(session).matches()) {
            throw validation("Value '" + session + "' at 'roleSessionName' failed to satisfy constraint: Member must"
                    + " satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        if (duration < 900 || duration > 43200) {
            throw validation("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must have"
                    + " value " + (duration < 900 ? "greater than or equal to 900" : "less than or equal to 43200"));
        }
        var role = ROLE_ARN.matcher(roleArn);
        if (!role.matches()) {
            throw validation(roleArn + " is invalid");
        }
        Identity caller = caller(request, config);
        if (config.assumable().map(roles -> !roles.contains(roleArn)).orElse(false)) {
            throw AwsError.client(403, "AccessDenied", "User: " + caller.arn() + " is not authorized to perform:"
                    + " sts:AssumeRole on resource: " + roleArn).raise();
        }
        long n = nextKey.getAndIncrement();
        String keyId = String.format("ASIASIMULATOR%07d", n);
        String roleId = String.format("AROASIMULATOR%07d", Math.abs(roleArn.hashCode() % 10_000_000));
        Identity assumed = new Identity(role.group(1), "arn:aws:sts::" + role.group(1) + ":assumed-role/" + role.group(2)
                + "/" + session, roleId + ":" + session);
        sessions.put(keyId, assumed);
        Instant expiration = Instant.now().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS);
        return QueryProtocol.result("AssumeRole", XMLNS, xml -> xml
                .start("Credentials")
                .leaf("AccessKeyId", keyId)
                .leaf("SecretAccessKey", "simulated-secret-" + n)
                .leaf("SessionToken", "simulated-session-token-" + n)
                .leaf("Expiration", expiration.toString())
                .end()
                .start("AssumedRoleUser")
                .leaf("AssumedRoleId", assumed.userId())
                .leaf("Arn", assumed.arn())
                .end());
    }

    private static RuntimeException missing(String member) {
        return validation("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    }

    private static RuntimeException validation(String constraint) {
        return AwsError.client(400, "ValidationError", "1 validation error detected: " + constraint).raise();
    }

    @Override
    public SimResponse error(SimRequest request, AwsError error) {
        return QueryProtocol.error(error, XMLNS);
    }

    @Override
    protected Config read(ScenarioFields section, Instant now) {
        ScenarioFields f = section.only("arn", "userId", "roles", "accessKeys");
        Identity loaded = Identity.of(principal(f, "arn", Identity.DEFAULT.arn()),
                f.string("userId", Identity.DEFAULT.userId()));
        Map<String, Identity> named = new LinkedHashMap<>();
        ScenarioFields given = f.mapping("accessKeys");
        for (String key : given.keys()) {
            if (!ACCESS_KEY_ID.matcher(key).matches()) {
                throw given.problem(key, "not an access key id");
            }
            ScenarioFields k = given.raw(key) instanceof Map<?, ?> ? given.mapping(key).only("arn", "userId")
                    : given.at(given.path(key), Map.of("arn", String.valueOf(given.raw(key))));
            named.put(key, Identity.of(principal(k, "arn", null), k.string("userId",
                    String.format("AIDASIMULATORKEY%05d", named.size() + 1))));
        }
        return new Config(loaded, Map.copyOf(named), f.has("roles")
                ? Optional.of(Set.copyOf(f.list("roles").stream().map(String::valueOf).toList())) : Optional.empty());
    }

    /** An IAM user or role, or an assumed-role session ARN; its account is the caller's account. */
    private static String principal(ScenarioFields f, String key, String fallback) {
        String arn = fallback == null ? f.string(key) : f.string(key, fallback);
        if (!PRINCIPAL_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException(f.path(key) + ": expected an IAM user or role ARN or an assumed-role"
                    + " session ARN (arn:aws:iam::123456789012:user/name), got '" + arn + "'");
        }
        return arn;
    }

    @Override
    protected Map<String, Object> describe(Config config, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        Identity id = config.identity();
        out.put("account", id.account());
        out.put("arn", id.arn());
        out.put("userId", id.userId());
        Map<String, Object> named = new LinkedHashMap<>();
        config.keys().forEach((key, k) -> named.put(key, k.arn()));
        out.put("accessKeys", named);
        out.put("sessions", List.copyOf(sessions.values().stream().map(Identity::arn).sorted().toList()));
        return out;
    }
}
