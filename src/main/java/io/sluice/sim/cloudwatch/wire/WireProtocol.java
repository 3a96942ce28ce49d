package io.sluice.sim.cloudwatch.wire;

import io.sluice.sim.SimRequest;
import io.sluice.sim.protocol.FormParams;
import java.util.Optional;

/** The wire protocol a CloudWatch request arrived in, and the operation it names. */
public enum WireProtocol {
    /** What the Java SDK v2 speaks since 2.40.6: {@code /service/GraniteServiceVersion20100801/operation/Op}. */
    RPC_V2_CBOR,
    /** What botocore >= 1.42 (aws CLI v1.45) speaks: {@code X-Amz-Target: GraniteServiceVersion20100801.Op}. */
    AWS_JSON_1_0,
    /** The original protocol, still spoken by older SDKs and Debian's awscli 2.9: form POST, XML reply. */
    AWS_QUERY;

    public static final String SERVICE_SHAPE = "GraniteServiceVersion20100801";
    private static final String CBOR_PATH = "/service/" + SERVICE_SHAPE + "/operation/";
    public static final String API_VERSION = "2010-08-01";

    /** The protocol of a request, or empty when it is no CloudWatch request at all. */
    public static Optional<WireProtocol> of(SimRequest request) {
        if (request.path().startsWith(CBOR_PATH)) {
            return Optional.of(RPC_V2_CBOR);
        }
        Optional<String> target = request.header("x-amz-target");
        if (target.isPresent()) {
            return target.get().startsWith(SERVICE_SHAPE + ".") ? Optional.of(AWS_JSON_1_0) : Optional.empty();
        }
        String form = "POST".equals(request.method()) ? request.bodyText() : request.rawQuery();
        boolean query = form.contains("Version=" + API_VERSION) && form.contains("Action=");
        return query ? Optional.of(AWS_QUERY) : Optional.empty();
    }

    /** The operation name, e.g. "GetMetricData"; empty string when the request names none. */
    public String operation(SimRequest request) {
        switch (this) {
            case RPC_V2_CBOR:
                return request.path().substring(CBOR_PATH.length());
            case AWS_JSON_1_0:
                return request.header("x-amz-target").orElse("").substring(SERVICE_SHAPE.length() + 1);
            default:
                String form = "POST".equals(request.method()) ? request.bodyText() : request.rawQuery();
                return FormParams.parse(form).action();
        }
    }
}
