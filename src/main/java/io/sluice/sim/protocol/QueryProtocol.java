package io.sluice.sim.protocol;

import io.sluice.sim.AwsError;
import io.sluice.sim.SimResponse;
import java.util.UUID;

/** Response framing of the awsQuery protocol (ELBv2, STS, CloudWatch via query). */
public final class QueryProtocol {
    private QueryProtocol() {
    }

    public static final String CONTENT_TYPE = "text/xml";

    /** Wraps a result body: {@code <XResponse xmlns><XResult>...</XResult><ResponseMetadata>}. */
    public static SimResponse result(String action, String xmlns, java.util.function.Consumer<Xml> body) {
        Xml xml = Xml.document().start(action + "Response", xmlns).start(action + "Result");
        body.accept(xml);
        xml.end().start("ResponseMetadata").leaf("RequestId", UUID.randomUUID().toString()).end().end();
        return SimResponse.of(200, CONTENT_TYPE, xml.toString());
    }

    /** The awsQuery error document with the error's HTTP status. */
    public static SimResponse error(AwsError error, String xmlns) {
        Xml xml = Xml.document().start("ErrorResponse", xmlns).start("Error")
                .leaf("Type", error.sender() ? "Sender" : "Receiver")
                .leaf("Code", error.code())
                .leaf("Message", error.message())
                .end()
                .leaf("RequestId", UUID.randomUUID().toString())
                .end();
        return SimResponse.of(error.status(), CONTENT_TYPE, xml.toString());
    }
}
