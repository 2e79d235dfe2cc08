package io.modelqos.af.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.problem.InvalidParam;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an RFC 9457 / TS 29.122 {@code ProblemDetails} answer as {@code application/problem+json}: the one place in
 * the AF that does, for the northbound failure handler ({@link ProblemResponder}), the security guards and the NEF
 * callback endpoint. Members are written in the order {@code type, title, status, detail, instance, invalidParams},
 * then any extension members; a member that is null (or an empty list) is left out.
 *
 * <pre>{@code
 * // 400 with one offending attribute
 * ProblemWriter.write(ctx.response(), ProblemWriter.Body.of(400, "Bad request", "transaction is required")
 *         .invalidParam("/transaction", "transaction is required"));
 * // {"title":"Bad request","status":400,"detail":"transaction is required",
 * //  "invalidParams":[{"param":"/transaction","reason":"transaction is required"}]}
 * }</pre>
 *
 * Headers other than {@code Content-Type} (e.g. {@code WWW-Authenticate}, {@code Retry-After}) are the caller's: set
 * them on the response before {@link #write}.
 */
public final class ProblemWriter {
    public static final String PROBLEM_JSON = "application/problem+json";
    /** RFC 9457: the problem has no more semantics than its status code. */
    public static final String ABOUT_BLANK = "about:blank";

    private ProblemWriter() {
    }

    /**
     * One problem body. Immutable: each {@code with}-style method returns a new body.
     *
     * @param type          a URI reference, or null to leave the member out (RFC 9457 then means {@code about:blank})
     * @param title         a short summary of the problem kind
     * @param status        the HTTP status code, also written in the body
     * @param detail        this occurrence in words, or null
     * @param instance      the request path the problem occurred on, or null
     * @param invalidParams the offending attributes, in order (TS 29.122 {@code InvalidParam})
     * @param extensions    further members, written after the others in insertion order (e.g. {@code bestOffer})
     */
    public record Body(String type, String title, int status, String detail, String instance,
                       List<InvalidParam> invalidParams, Map<String, JsonNode> extensions) {

        public Body {
            Objects.requireNonNull(title, "title");
            invalidParams = List.copyOf(invalidParams);
            extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        }

        /** A body with {@code title}, {@code status} and {@code detail} only. */
        public static Body of(int status, String title, String detail) {
            return new Body(null, title, status, detail, null, List.of(), Map.of());
        }

        public Body type(String type) {
            return new Body(type, title, status, detail, instance, invalidParams, extensions);
        }

        public Body instance(String instance) {
            return new Body(type, title, status, detail, instance, invalidParams, extensions);
        }

        /** Adds one offending attribute; a null {@code reason} leaves the reason out. */
        public Body invalidParam(String param, String reason) {
            return invalidParams(List.of(new InvalidParam(param, reason)));
        }

        /** Adds offending attributes after those already there. */
        public Body invalidParams(List<InvalidParam> params) {
            List<InvalidParam> all = new ArrayList<>(invalidParams);
            all.addAll(params);
            return new Body(type, title, status, detail, instance, all, extensions);
        }

        /** Adds (or replaces) an extension member. */
        public Body extension(String name, JsonNode value) {
            Map<String, JsonNode> all = new LinkedHashMap<>(extensions);
            all.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return new Body(type, title, status, detail, instance, invalidParams, all);
        }

        /** The JSON text, compact. */
        public String toJson() {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            if (type != null) {
                body.put("type", type);
            }
            body.put("title", title);
            body.put("status", status);
            if (detail != null) {
                body.put("detail", detail);
            }
            if (instance != null) {
                body.put("instance", instance);
            }
            if (!invalidParams.isEmpty()) {
                ArrayNode params = body.putArray("invalidParams");
                for (InvalidParam p : invalidParams) {
                    ObjectNode node = params.addObject().put("param", p.param());
                    if (p.reason() != null) {
                        node.put("reason", p.reason());
                    }
                }
            }
            extensions.forEach(body::set);
            return body.toString();
        }
    }

    /** Answers with {@code body.status()}, {@code Content-Type: application/problem+json} and the body; ends the response. */
    public static Future<Void> write(HttpServerResponse response, Body body) {
        return response.setStatusCode(body.status()).putHeader("Content-Type", PROBLEM_JSON).end(body.toJson());
    }
}
