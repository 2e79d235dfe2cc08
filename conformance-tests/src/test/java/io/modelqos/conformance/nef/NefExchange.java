package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.validation.SpecValidator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP exchange between the AF and the NEF as the suite records it, one JSON file each under
 * {@code target/nef-traffic/}:
 * <pre>{@code
 * {"direction": "af-to-nef" | "nef-to-af", "method", "uri", "requestHeaders", "requestBody",
 *  "status", "responseHeaders", "responseBody", "test", "injectedFault"}
 * }</pre>
 * Bodies are JSON values, null when empty; a body that is not JSON is kept as a JSON string and named in
 * {@code "notJson"}. {@code status}, {@code responseHeaders} and {@code responseBody} are null when no answer
 * came (connection reset). {@code injectedFault} names a deliberate deviation of the NEF side staged by the test
 * (e.g. {@code malformed-json}); the AF's side of such an exchange must still conform.
 *
 * @param direction       {@link #AF_TO_NEF} or {@link #NEF_TO_AF}
 * @param requestHeaders  header name to values; an {@code Authorization} value is reduced to its scheme
 * @param injectedFault   null when the NEF side is meant to conform
 */
record NefExchange(String direction, String method, String uri, Map<String, List<String>> requestHeaders,
                   String requestBody, Integer status, Map<String, List<String>> responseHeaders, String responseBody,
                   String test, String injectedFault) {

    static final String AF_TO_NEF = "af-to-nef";
    static final String NEF_TO_AF = "nef-to-af";

    /**
     * Faults after which the NEF's answer breaks the specification, so only the AF's side of the exchange is
     * checked ({@code bends-the-spec}: an answer of an independent NEF that strays from TS 29.122, e.g. a 200 to
     * a DELETE with the deleted subscription). Other staged faults ({@code slow}; {@code undeclared-status}, a 307
     * to a POST, which the API's {@code default} response admits) are checked in full.
     */
    static final List<String> NON_CONFORMING_FAULTS = List.of("connection-reset", "malformed-json", "missing-location",
            "bends-the-spec");

    private static final ObjectMapper JSON = new ObjectMapper();

    NefExchange {
        requestHeaders = redact(requestHeaders);
        responseHeaders = responseHeaders == null ? null : copy(responseHeaders);
    }

    boolean answered() {
        return status != null;
    }

    /** True when the test staged a NEF answer that is not meant to conform. */
    boolean nefSideBrokenOnPurpose() {
        return injectedFault != null && NON_CONFORMING_FAULTS.contains(injectedFault);
    }

    SpecValidator.HttpRequest request() {
        return new SpecValidator.HttpRequest(method, uri, requestHeaders, requestBody);
    }

    SpecValidator.HttpResponse response() {
        return new SpecValidator.HttpResponse(status, responseHeaders, responseBody);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("direction", direction);
        o.put("method", method);
        o.put("uri", uri);
        o.set("requestHeaders", JSON.valueToTree(requestHeaders));
        List<String> notJson = new ArrayList<>();
        o.set("requestBody", body(requestBody, "requestBody", notJson));
        if (status == null) {
            o.putNull("status");
        } else {
            o.put("status", status);
        }
        o.set("responseHeaders", responseHeaders == null ? null : JSON.valueToTree(responseHeaders));
        o.set("responseBody", body(responseBody, "responseBody", notJson));
        o.put("test", test);
        if (injectedFault != null) {
            o.put("injectedFault", injectedFault);
        }
        if (!notJson.isEmpty()) {
            o.set("notJson", JSON.valueToTree(notJson));
        }
        return o;
    }

    static NefExchange fromJson(JsonNode o) throws IOException {
        List<String> notJson = new ArrayList<>();
        o.path("notJson").forEach(n -> notJson.add(n.asText()));
        return new NefExchange(
                text(o, "direction"), text(o, "method"), text(o, "uri"),
                headers(o.get("requestHeaders")), bodyText(o.get("requestBody"), notJson.contains("requestBody")),
                o.hasNonNull("status") ? o.get("status").asInt() : null,
                o.hasNonNull("responseHeaders") ? headers(o.get("responseHeaders")) : null,
                bodyText(o.get("responseBody"), notJson.contains("responseBody")),
                o.path("test").asText(null), o.path("injectedFault").asText(null));
    }

    private static JsonNode body(String text, String name, List<String> notJson) {
        if (text == null || text.isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (IOException e) {
            // not JSON: kept as text
        }
        notJson.add(name);
        return JsonNodeFactory.instance.textNode(text);
    }

    private static String bodyText(JsonNode node, boolean raw) {
        if (node == null || node.isNull()) {
            return null;
        }
        return raw ? node.asText() : node.toString();
    }

    private static String text(JsonNode o, String field) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IOException("missing " + field);
        }
        return n.asText();
    }

    private static Map<String, List<String>> headers(JsonNode node) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (node != null) {
            node.properties().forEach(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                headers.put(e.getKey(), values);
            });
        }
        return headers;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** Keeps the scheme of an Authorization header ("Bearer"), never the credentials. */
    private static Map<String, List<String>> redact(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = copy(headers == null ? Map.of() : headers);
        List<String> auth = copy.get("Authorization");
        if (auth != null) {
            copy.put("Authorization", auth.stream()
                    .map(v -> v.contains(" ") ? v.substring(0, v.indexOf(' ')) + " <redacted>" : "<redacted>")
                    .toList());
        }
        return copy;
    }

    String describe() {
        return direction + " " + method.toUpperCase(Locale.ROOT) + " " + uri + " -> " + (status == null ? "no answer" : status)
                + (injectedFault == null ? "" : " [" + injectedFault + "]") + " (" + test + ")";
    }
}
