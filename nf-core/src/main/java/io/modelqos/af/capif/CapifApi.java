package io.modelqos.af.capif;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The CAPIF core function's APIs as the AF, an API invoker, calls them (TS 29.222): API Invoker Management
 * (onboard, update, offboard), Discover Service (all service APIs) and Security (trusted invokers, token). Every call
 * times out; nothing is retried here ({@link CapifConnection} decides). Tokens, keys and certificates are never logged.
 */
public final class CapifApi {
    static final String INVOKER_MANAGEMENT = "/api-invoker-management/v1";
    static final String DISCOVER = "/service-apis/v1";
    static final String SECURITY = "/capif-security/v1";
    /** The AF uses no optional feature of these APIs. */
    static final String SUPPORTED_FEATURES = "0";

    private static final Logger LOG = LoggerFactory.getLogger(CapifApi.class);

    private final WebClient web;
    private final URI root;
    private final long timeoutMs;

    /** What a successful onboarding returned. */
    public record Onboarding(String apiInvokerId, URI location, String certificatePem) {
        @Override
        public String toString() {
            return "Onboarding[" + apiInvokerId + " at " + location + "]";
        }
    }

    /**
     * @param web       the client towards CAPIF (its TLS trust and, once onboarded, the AF's certificate)
     * @param capifRoot the CAPIF core function's apiRoot, without a trailing slash
     */
    public CapifApi(WebClient web, URI capifRoot, long timeoutMs) {
        this.web = Objects.requireNonNull(web, "web == null");
        this.root = Objects.requireNonNull(capifRoot, "capifRoot == null");
        this.timeoutMs = timeoutMs;
    }

    public URI root() {
        return root;
    }

    public WebClient webClient() {
        return web;
    }

    /** POST onboardedInvokers with the operator's onboarding token and the AF's certificate signing request. */
    public Future<Onboarding> onboard(String onboardingToken, String csrPem, String notificationDestination,
                                      String invokerInformation) {
        JsonObject body = enrolment(null, csrPem, notificationDestination, invokerInformation);
        String uri = root + INVOKER_MANAGEMENT + "/onboardedInvokers";
        return send(CapifException.Operation.ONBOARD, HttpMethod.POST, uri, onboardingToken, body)
                .compose(r -> {
                    if (r.statusCode() == 202) {
                        return Future.failedFuture(new CapifException(CapifException.Operation.ONBOARD, 202,
                                "CAPIF accepted the onboarding for later (202); the AF needs it done at once", null));
                    }
                    if (r.statusCode() != 201) {
                        return Future.failedFuture(refused(CapifException.Operation.ONBOARD, uri, r));
                    }
                    JsonObject answer = json(r);
                    String id = answer == null ? null : answer.getString("apiInvokerId");
                    String location = r.getHeader("Location");
                    if (id == null || id.isBlank() || location == null || location.isBlank()) {
                        return Future.failedFuture(new CapifException(CapifException.Operation.ONBOARD, 201,
                                "CAPIF onboarded the AF without an apiInvokerId or a Location", null));
                    }
                    String certificate = answer.getJsonObject("onboardingInformation", new JsonObject())
                            .getString("apiInvokerCertificate", "");
                    LOG.info("CAPIF {}: onboarded as API invoker {} ({})", root, id, location);
                    return Future.succeededFuture(new Onboarding(id, URI.create(uri).resolve(location),
                            certificate));
                });
    }

    /**
     * PUT the onboarding with a new certificate signing request (a new key) and notification destination; the answer's
     * certificate, if any, replaces the AF's.
     */
    public Future<Optional<String>> update(InvokerCredentials credentials, String csrPem, String notificationDestination,
                                           String invokerInformation) {
        JsonObject body = enrolment(credentials.apiInvokerId(), csrPem, notificationDestination, invokerInformation);
        String uri = credentials.onboardingUri().toString();
        return send(CapifException.Operation.UPDATE, HttpMethod.PUT, uri, null, body).compose(r -> {
            if (r.statusCode() == 204) {
                return Future.succeededFuture(Optional.<String>empty());
            }
            if (r.statusCode() != 200) {
                return Future.failedFuture(refused(CapifException.Operation.UPDATE, uri, r));
            }
            JsonObject answer = json(r);
            String certificate = answer == null ? null : answer.getJsonObject("onboardingInformation", new JsonObject())
                    .getString("apiInvokerCertificate");
            LOG.info("CAPIF {}: onboarding of {} updated", root, credentials.apiInvokerId());
            return Future.succeededFuture(Optional.ofNullable(certificate).filter(c -> !c.isBlank()));
        });
    }

    /** DELETE the onboarding; one CAPIF no longer knows (404) counts as offboarded. */
    public Future<Void> offboard(InvokerCredentials credentials) {
        String uri = credentials.onboardingUri().toString();
        return send(CapifException.Operation.OFFBOARD, HttpMethod.DELETE, uri, null, null).compose(r -> {
            if (r.statusCode() == 204 || r.statusCode() == 200 || r.statusCode() == 202 || r.statusCode() == 404) {
                LOG.info("CAPIF {}: API invoker {} offboarded{}", root, credentials.apiInvokerId(),
                        r.statusCode() == 404 ? " (CAPIF no longer knew it)" : "");
                return Future.succeededFuture();
            }
            return Future.failedFuture(refused(CapifException.Operation.OFFBOARD, uri, r));
        });
    }

    /** GET allServiceAPIs for the invoker and API name; an answer without descriptions is an empty list. */
    public Future<List<DiscoveredApi>> discover(String apiInvokerId, String apiName) {
        String uri = root + DISCOVER + "/allServiceAPIs?api-invoker-id=" + encode(apiInvokerId) + "&api-name="
                + encode(apiName);
        return send(CapifException.Operation.DISCOVER, HttpMethod.GET, uri, null, null).compose(r -> {
            if (r.statusCode() != 200) {
                return Future.failedFuture(refused(CapifException.Operation.DISCOVER, uri, r));
            }
            JsonObject answer = json(r);
            if (answer == null) {
                return Future.failedFuture(new CapifException(CapifException.Operation.DISCOVER, 200,
                        "CAPIF discovery answered 200 without a JSON body", null));
            }
            return Future.succeededFuture(apis(answer.getJsonArray("serviceAPIDescriptions", new JsonArray())));
        });
    }

    /**
     * PUT trustedInvokers/{apiInvokerId}: the security context for the chosen exposing function and API, with the AF's
     * preferred methods; the answer's selected method, if given.
     */
    public Future<Optional<String>> trust(String apiInvokerId, AefChoice aef, List<String> preferredMethods,
                                          String notificationDestination) {
        JsonObject info = new JsonObject().put("aefId", aef.aefId())
                .put("prefSecurityMethods", new JsonArray(new ArrayList<>(preferredMethods)));
        if (aef.apiId() != null) {
            info.put("apiId", aef.apiId());
        }
        JsonObject body = new JsonObject().put("securityInfo", new JsonArray().add(info))
                .put("notificationDestination", notificationDestination)
                .put("supportedFeatures", SUPPORTED_FEATURES);
        String uri = root + SECURITY + "/trustedInvokers/" + encode(apiInvokerId);
        return send(CapifException.Operation.TRUST, HttpMethod.PUT, uri, null, body).compose(r -> {
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                return Future.failedFuture(refused(CapifException.Operation.TRUST, uri, r));
            }
            JsonObject answer = json(r);
            JsonArray infos = answer == null ? null : answer.getJsonArray("securityInfo");
            String selected = infos == null || infos.isEmpty() || !(infos.getValue(0) instanceof JsonObject first)
                    ? null : first.getString("selSecurityMethod");
            LOG.info("CAPIF {}: security context for {} at {}: {}", root, apiInvokerId, aef.aefId(),
                    selected == null ? "no method named" : selected);
            return Future.succeededFuture(Optional.ofNullable(selected));
        });
    }

    /** POST securities/{apiInvokerId}/token: client credentials, the invoker id as client id, the API's scope. */
    public Future<IssuedToken> token(String apiInvokerId, String scope) {
        String uri = root + SECURITY + "/securities/" + encode(apiInvokerId) + "/token";
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials")
                .add("client_id", apiInvokerId).add("scope", scope);
        HttpRequest<Buffer> request = request(HttpMethod.POST, uri, null);
        return request.sendForm(form)
                .recover(e -> Future.failedFuture(noAnswer(CapifException.Operation.TOKEN, uri, e)))
                .compose(r -> {
                    JsonObject answer = json(r);
                    if (r.statusCode() != 200) {
                        String error = answer == null ? null : answer.getString("error");
                        return Future.failedFuture(new CapifException(CapifException.Operation.TOKEN, r.statusCode(),
                                "CAPIF refused an access token for scope " + scope + ": " + r.statusCode()
                                        + (error == null ? "" : " " + error), null));
                    }
                    String token = answer == null ? null : answer.getString("access_token");
                    String type = answer == null ? "" : answer.getString("token_type", "");
                    if (token == null || token.isBlank() || !type.equalsIgnoreCase("Bearer")) {
                        return Future.failedFuture(new CapifException(CapifException.Operation.TOKEN, 200,
                                "CAPIF answered the token request without a Bearer access_token", null));
                    }
                    Object expires = answer.getValue("expires_in");
                    long seconds = expires instanceof Number n ? n.longValue() : 0;
                    return Future.succeededFuture(new IssuedToken(token,
                            Duration.ofSeconds(seconds > 0 ? seconds : 60)));
                });
    }

    // ------------------------------------------------------------------------------------------

    private static JsonObject enrolment(String apiInvokerId, String csrPem, String notificationDestination,
                                        String invokerInformation) {
        JsonObject body = new JsonObject();
        if (apiInvokerId != null) {
            body.put("apiInvokerId", apiInvokerId);
        }
        return body.put("onboardingInformation", new JsonObject().put("apiInvokerPublicKey", csrPem))
                .put("notificationDestination", notificationDestination)
                .put("apiInvokerInformation", invokerInformation)
                .put("supportedFeatures", SUPPORTED_FEATURES);
    }

    private Future<HttpResponse<Buffer>> send(CapifException.Operation op, HttpMethod method, String uri,
                                              String bearer, JsonObject body) {
        HttpRequest<Buffer> request = request(method, uri, bearer);
        Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
        return sent.recover(e -> Future.failedFuture(noAnswer(op, uri, e)))
                .onSuccess(r -> LOG.debug("CAPIF {} {} {} -> {}", op.label(), method, uri, r.statusCode()));
    }

    private HttpRequest<Buffer> request(HttpMethod method, String uri, String bearer) {
        HttpRequest<Buffer> request = web.requestAbs(method, uri).timeout(timeoutMs).followRedirects(false)
                .putHeader("Accept", "application/json, application/problem+json");
        if (bearer != null) {
            request.putHeader("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    private CapifException noAnswer(CapifException.Operation op, String uri, Throwable e) {
        return new CapifException(op, 0, "CAPIF " + op.label() + " " + uri + ": no answer"
                + (e instanceof TimeoutException ? " within " + timeoutMs + " ms" : " (" + e.getMessage() + ")"), e);
    }

    private static CapifException refused(CapifException.Operation op, String uri, HttpResponse<Buffer> r) {
        JsonObject problem = json(r);
        String detail = problem == null ? null : problem.getString("detail", problem.getString("cause"));
        return new CapifException(op, r.statusCode(), "CAPIF " + op.label() + " " + uri.replaceAll("\\?.*", "")
                + " -> " + r.statusCode() + (detail == null ? "" : ": " + detail), null);
    }

    private static JsonObject json(HttpResponse<Buffer> r) {
        Buffer body = r.body();
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return body.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    static List<DiscoveredApi> apis(JsonArray descriptions) {
        List<DiscoveredApi> apis = new ArrayList<>();
        for (Object o : descriptions) {
            if (!(o instanceof JsonObject d)) {
                continue;
            }
            List<DiscoveredApi.Aef> aefs = new ArrayList<>();
            for (Object p : d.getJsonArray("aefProfiles", new JsonArray())) {
                if (!(p instanceof JsonObject profile)) {
                    continue;
                }
                List<String> versions = new ArrayList<>();
                for (Object v : profile.getJsonArray("versions", new JsonArray())) {
                    if (v instanceof JsonObject version && version.getString("apiVersion") != null) {
                        versions.add(version.getString("apiVersion"));
                    }
                }
                List<DiscoveredApi.Endpoint> endpoints = new ArrayList<>();
                for (Object i : profile.getJsonArray("interfaceDescriptions", new JsonArray())) {
                    if (i instanceof JsonObject e) {
                        endpoints.add(new DiscoveredApi.Endpoint(e.getString("ipv4Addr"), e.getString("ipv6Addr"),
                                e.getString("fqdn"), e.getInteger("port"), e.getString("apiPrefix"),
                                strings(e.getJsonArray("securityMethods"))));
                    }
                }
                aefs.add(new DiscoveredApi.Aef(profile.getString("aefId"), versions,
                        strings(profile.getJsonArray("securityMethods")), profile.getString("domainName"), endpoints));
            }
            apis.add(new DiscoveredApi(d.getString("apiName"), d.getString("apiId"), aefs));
        }
        return apis;
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (Object o : array) {
                if (o != null) {
                    out.add(o.toString().toUpperCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
