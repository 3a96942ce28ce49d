package io.sluice.sim.cloudwatch.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.sluice.sim.AwsError;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.protocol.FormParams;
import io.sluice.sim.protocol.QueryProtocol;
import io.sluice.sim.protocol.Xml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a CloudWatch request into member-name maps and writes an operation's output or an error back
 * in the protocol the request came in. Output maps hold String, Integer, Long, Double, Boolean,
 * {@link Instant}, List and Map values.
 */
public final class CloudWatchWire {
    public static final String XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORFactory CBOR_FACTORY = new CBORFactory();
    private static final ObjectMapper CBOR = new ObjectMapper(CBOR_FACTORY);

    /**
     * Model shape names of the errors whose awsQuery code differs from the shape name; the JSON
     * protocols name the shape in {@code __type} and carry the query code in {@code x-amzn-query-error}.
     */
    private static final Map<String, String> SHAPE_BY_QUERY_CODE = Map.ofEntries(
            Map.entry("InvalidParameterValue", "com.amazonaws.cloudwatch#InvalidParameterValueException"),
            Map.entry("InvalidParameterCombination", "com.amazonaws.cloudwatch#InvalidParameterCombinationException"),
            Map.entry("MissingParameter", "com.amazonaws.cloudwatch#MissingRequiredParameterException"),
            Map.entry("InvalidNextToken", "com.amazonaws.cloudwatch#InvalidNextToken"),
            Map.entry("InternalServiceError", "com.amazonaws.cloudwatch#InternalServiceFault"),
            Map.entry("LimitExceeded", "com.amazonaws.cloudwatch#LimitExceededFault"),
            Map.entry("ResourceNotFound", "com.amazonaws.cloudwatch#ResourceNotFound"),
            Map.entry("Throttling", "com.amazon.coral.availability#ThrottlingException"),
            Map.entry("ValidationError", "com.amazon.coral.validate#ValidationException"),
            Map.entry("MissingAuthenticationToken", "com.amazon.coral.service#MissingAuthenticationTokenException"));

    private CloudWatchWire() {
    }

    /** The request's input as a member-name map (empty for an empty body). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> input(WireProtocol protocol, SimRequest request) {
        try {
            switch (protocol) {
                case RPC_V2_CBOR:
                    return request.body().length == 0 ? Map.of() : CBOR.readValue(request.body(), Map.class);
                case AWS_JSON_1_0:
                    return request.body().length == 0 ? Map.of() : JSON.readValue(request.body(), Map.class);
                default:
                    String form = "POST".equals(request.method()) ? request.bodyText() : request.rawQuery();
                    return QueryTree.of(FormParams.parse(form));
            }
        } catch (IOException e) {
            throw AwsError.client(400, protocol == WireProtocol.AWS_QUERY ? "MalformedInput" : "SerializationException",
                    "the request body could not be read: " + e.getMessage()).raise();
        }
    }

    /** A successful reply; {@code output} null for operations without output (PutMetricData). */
    public static SimResponse reply(WireProtocol protocol, String operation, Map<String, Object> output) {
        Map<String, Object> body = output == null ? Map.of() : output;
        switch (protocol) {
            case RPC_V2_CBOR:
                return SimResponse.of(200, "application/cbor", cbor(body)).withHeader("smithy-protocol", "rpc-v2-cbor");
            case AWS_JSON_1_0:
                return SimResponse.of(200, "application/x-amz-json-1.0", json(body));
            default:
                Xml xml = Xml.document().start(operation + "Response", XMLNS);
                if (output != null) {
                    xml.start(operation + "Result");
                    writeMembers(xml, body);
                    xml.end();
                }
                xml.start("ResponseMetadata").leaf("RequestId", UUID.randomUUID().toString()).end().end();
                return SimResponse.of(200, "text/xml", xml.toString());
        }
    }

    /** An error in the protocol's shape: awsQuery XML, or {@code __type} plus the query-compatible header. */
    public static SimResponse error(WireProtocol protocol, AwsError error) {
        String queryCode = error.code().equals("ThrottlingException") ? "Throttling" : error.code();
        String fault = error.sender() ? "Sender" : "Receiver";
        if (protocol == WireProtocol.AWS_QUERY) {
            AwsError asQuery = new AwsError(error.status(), queryCode, error.message(), error.sender());
            return QueryProtocol.error(asQuery, XMLNS);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", SHAPE_BY_QUERY_CODE.getOrDefault(queryCode, queryCode));
        body.put("message", error.message());
        SimResponse response = protocol == WireProtocol.RPC_V2_CBOR
                ? SimResponse.of(error.status(), "application/cbor", cbor(body)).withHeader("smithy-protocol", "rpc-v2-cbor")
                : SimResponse.of(error.status(), "application/x-amz-json-1.0", json(body));
        return response.withHeader("x-amzn-query-error", queryCode + ";" + fault);
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(jsonSafe(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object jsonSafe(Object value) {
        if (value instanceof Instant t) {
            return epochSeconds(t);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, jsonSafe(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CloudWatchWire::jsonSafe).toList();
        }
        return value;
    }

    private static double epochSeconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static byte[] cbor(Map<String, Object> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CBORGenerator gen = CBOR_FACTORY.createGenerator(bytes)) {
            writeCbor(gen, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void writeCbor(CBORGenerator gen, Object value) throws IOException {
        if (value instanceof Map<?, ?> m) {
            gen.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                gen.writeFieldName(e.getKey());
                writeCbor(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof List<?> list) {
            gen.writeStartArray(list, list.size());
            for (Object item : list) {
                writeCbor(gen, item);
            }
            gen.writeEndArray();
        } else if (value instanceof Instant t) {
            // Smithy RPC v2 CBOR timestamps: tag 1 (epoch seconds) around a number
            gen.writeTag(1);
            gen.writeNumber(epochSeconds(t));
        } else if (value instanceof Double d) {
            gen.writeNumber(d.doubleValue());
        } else if (value instanceof Integer i) {
            gen.writeNumber(i.intValue());
        } else if (value instanceof Long l) {
            gen.writeNumber(l.longValue());
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value == null) {
            gen.writeNull();
        } else {
            gen.writeString(String.valueOf(value));
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeMembers(Xml xml, Map<String, Object> members) {
        members.forEach((name, value) -> writeXml(xml, name, value));
    }

    @SuppressWarnings("unchecked")
    private static void writeXml(Xml xml, String name, Object value) {
        if (value instanceof Map<?, ?> m) {
            xml.start(name);
            writeMembers(xml, (Map<String, Object>) m);
            xml.end();
        } else if (value instanceof List<?> list) {
            xml.start(name);
            list.forEach(item -> writeXml(xml, "member", item));
            xml.end();
        } else if (value instanceof Instant t) {
            xml.leaf(name, t.toString());
        } else if (value instanceof Double d) {
            xml.leaf(name, plain(d));
        } else if (value != null) {
            xml.leaf(name, value);
        }
    }

    private static String plain(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
