package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** A blocking HTTP(S) client for the tests, speaking to a real emulator over loopback. */
final class T8Client {

    /** One answer: status, headers and the body parsed as JSON (null when empty). */
    record Response(int status, HttpResponse<String> raw, JsonNode body) {
        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    private final HttpClient http;
    private final String root;
    private String bearer;

    T8Client(String apiRoot) {
        this(apiRoot, null);
    }

    /** A client for an https apiRoot, with {@code tls}'s trust and client certificate (null: the JDK's defaults). */
    T8Client(String apiRoot, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1);
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
        this.root = apiRoot;
    }

    T8Client bearer(String token) {
        this.bearer = token;
        return this;
    }

    String subscriptions(String scsAsId) {
        return root + "/3gpp-as-session-with-qos/v1/" + scsAsId + "/subscriptions";
    }

    Response create(String scsAsId, Object body) throws IOException, InterruptedException {
        return send("POST", subscriptions(scsAsId), json(body), "application/json");
    }

    Response read(String self) throws IOException, InterruptedException {
        return send("GET", self, null, null);
    }

    Response list(String scsAsId) throws IOException, InterruptedException {
        return send("GET", subscriptions(scsAsId), null, null);
    }

    Response list(String scsAsId, String query) throws IOException, InterruptedException {
        return send("GET", subscriptions(scsAsId) + "?" + query, null, null);
    }

    Response replace(String self, Object body) throws IOException, InterruptedException {
        return send("PUT", self, json(body), "application/json");
    }

    Response patch(String self, Object body, String contentType) throws IOException, InterruptedException {
        return send("PATCH", self, json(body), contentType);
    }

    Response delete(String self) throws IOException, InterruptedException {
        return send("DELETE", self, null, null);
    }

    Response send(String method, String uri, String body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return wrap(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    Response form(String uri, String form, String basicAuth) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicAuth != null) {
            b.header("Authorization", "Basic " + basicAuth);
        }
        return wrap(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Response wrap(HttpResponse<String> r) throws IOException {
        JsonNode body = r.body() == null || r.body().isEmpty() ? null : T8Json.mapper().readTree(r.body());
        return new Response(r.statusCode(), r, body);
    }

    private static String json(Object body) throws IOException {
        if (body == null) {
            return null;
        }
        return body instanceof String s ? s : T8Json.mapper().writeValueAsString(body);
    }

    /** A minimal valid single-UE subscription asking for {@code qosReference} and the given events. */
    static ObjectNode subscription(String notificationUri, String ueIpv4, String qosReference, String... events) {
        ObjectNode sub = T8Json.mapper().createObjectNode();
        sub.put("notificationDestination", notificationUri);
        sub.put("ueIpv4Addr", ueIpv4);
        sub.put("supportedFeatures", "830");
        sub.putArray("flowInfo").addObject().put("flowId", 1).putArray("flowDescriptions")
                .add("permit out ip from 10.0.0.10 to " + ueIpv4);
        if (qosReference != null) {
            sub.put("qosReference", qosReference);
        }
        if (events.length > 0) {
            var array = sub.putArray("events");
            for (String e : events) {
                array.add(e);
            }
        }
        return sub;
    }
}
