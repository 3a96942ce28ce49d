package io.sluice.sim.sts;

import io.sluice.sim.AwsError;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.SimService;
import io.sluice.sim.protocol.FormParams;
import io.sluice.sim.protocol.QueryProtocol;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AWS STS (awsQuery, signing name {@code sts}): GetCallerIdentity, which a daemon calls at start to
 * learn its account. The identity is an IAM user of account 123456789012 unless the scenario says
 * otherwise.
 */
public final class StsService implements SimService {
    public static final String SIGNING_NAME = "sts";
    static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String API_VERSION = "2011-06-15";
    private static final String ACCOUNT = "123456789012";

    private volatile Identity identity = Identity.DEFAULT;

    record Identity(String account, String arn, String userId) {
        static final Identity DEFAULT = new Identity(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/sluice-sim",
                "AIDASIMULATORUSER0001");
    }

    public StsService(SimClock clock) {
        // STS answers nothing that depends on time; the clock parameter keeps the services uniform.
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public boolean recognises(SimRequest request) {
        return params(request).get("Version").filter(API_VERSION::equals).isPresent();
    }

    @Override
    public String operationName(SimRequest request) {
        return params(request).action();
    }

    @Override
    public SimResponse handle(SimRequest request) {
        String action = params(request).action();
        if (!action.equals("GetCallerIdentity")) {
            throw AwsError.client(400, "InvalidAction",
                    "Could not find operation " + action + " for version " + API_VERSION).raise();
        }
        Identity id = identity;
        return QueryProtocol.result("GetCallerIdentity", XMLNS, xml -> xml
                .leaf("Arn", id.arn())
                .leaf("UserId", id.userId())
                .leaf("Account", id.account()));
    }

    @Override
    public SimResponse error(SimRequest request, AwsError error) {
        return QueryProtocol.error(error, XMLNS);
    }

    @Override
    public void load(Map<String, Object> scenarioSection) {
        ScenarioFields f = ScenarioFields.of(SIGNING_NAME, scenarioSection).only("arn", "userId");
        identity = new Identity(ACCOUNT, f.string("arn", Identity.DEFAULT.arn()),
                f.string("userId", Identity.DEFAULT.userId()));
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        Identity id = identity;
        out.put("account", id.account());
        out.put("arn", id.arn());
        out.put("userId", id.userId());
        return out;
    }

    private static FormParams params(SimRequest request) {
        String body = request.method().equals("POST") ? request.bodyText() : "";
        String query = request.rawQuery();
        return FormParams.parse(query.isEmpty() ? body : body.isEmpty() ? query : query + "&" + body);
    }
}
