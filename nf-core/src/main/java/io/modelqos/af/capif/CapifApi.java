package io.modelqos.af.capif;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.json.AfJson;
import io.modelqos.openapi.capif.model.APIInvokerEnrolmentDetails;
import io.modelqos.openapi.capif.model.AccessTokenErr;
import io.modelqos.openapi.capif.model.AccessTokenRsp;
import io.modelqos.openapi.capif.model.AefProfile;
import io.modelqos.openapi.capif.model.DiscoveredAPIs;
import io.modelqos.openapi.capif.model.InterfaceDescription;
import io.modelqos.openapi.capif.model.OnboardingInformation;
import io.modelqos.openapi.capif.model.SecurityInformation;
import io.modelqos.openapi.capif.model.SecurityMethod;
import io.modelqos.openapi.capif.model.ServiceAPIDescription;
import io.modelqos.openapi.capif.model.ServiceSecurity;
import io.modelqos.openapi.capif.model.Version;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
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
    private static final ObjectMapper JSON = AfJson.mapper();

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
        APIInvokerEnrolmentDetails body = enrolment(null, csrPem, notificationDestination, invokerInformation);
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
                    APIInvokerEnrolmentDetails answer = read(r, APIInvokerEnrolmentDetails.class);
                    String id = answer == null ? null : answer.getApiInvokerId();
                    String location = r.getHeader("Location");
                    if (id == null || id.isBlank() || location == null || location.isBlank()) {
                        return Future.failedFuture(new CapifException(CapifException.Operation.ONBOARD, 201,
                                "CAPIF onboarded the AF without an apiInvokerId or a Location", null));
                    }
                    String certificate = answer.getOnboardingInformation() == null ? ""
                            : answer.getOnboardingInformation().getApiInvokerCertificate();
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
        APIInvokerEnrolmentDetails body = enrolment(credentials.apiInvokerId(), csrPem, notificationDestination,
                invokerInformation);
        String uri = credentials.onboardingUri().toString();
        return send(CapifException.Operation.UPDATE, HttpMethod.PUT, uri, null, body).compose(r -> {
            if (r.statusCode() == 204) {
                return Future.succeededFuture(Optional.<String>empty());
            }
            if (r.statusCode() != 200) {
                return Future.failedFuture(refused(CapifException.Operation.UPDATE, uri, r));
            }
            APIInvokerEnrolmentDetails answer = read(r, APIInvokerEnrolmentDetails.class);
            String certificate = answer == null || answer.getOnboardingInformation() == null ? null
                    : answer.getOnboardingInformation().getApiInvokerCertificate();
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
            DiscoveredAPIs answer = read(r, DiscoveredAPIs.class);
            if (answer == null) {
                return Future.failedFuture(new CapifException(CapifException.Operation.DISCOVER, 200,
                        "CAPIF discovery answered 200 without a DiscoveredAPIs body", null));
            }
            return Future.succeededFuture(apis(answer.getServiceAPIDescriptions()));
        });
    }

    /**
     * PUT trustedInvokers/{apiInvokerId}: the security context for the chosen exposing function and API, with the AF's
     * preferred methods; the answer's selected method, if given.
     */
    public Future<Optional<String>> trust(String apiInvokerId, AefChoice aef, List<String> preferredMethods,
                                          String notificationDestination) {
        SecurityInformation info = new SecurityInformation().aefId(aef.aefId()).apiId(aef.apiId())
                .prefSecurityMethods(preferredMethods.stream().map(SecurityMethod::fromValue).toList());
        ServiceSecurity body = new ServiceSecurity().securityInfo(List.of(info))
                .notificationDestination(notificationDestination).supportedFeatures(SUPPORTED_FEATURES);
        String uri = root + SECURITY + "/trustedInvokers/" + encode(apiInvokerId);
        return send(CapifException.Operation.TRUST, HttpMethod.PUT, uri, null, body).compose(r -> {
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                return Future.failedFuture(refused(CapifException.Operation.TRUST, uri, r));
            }
            ServiceSecurity answer = read(r, ServiceSecurity.class);
            List<SecurityInformation> infos = answer == null ? null : answer.getSecurityInfo();
            String selected = infos == null || infos.isEmpty() || infos.get(0).getSelSecurityMethod() == null ? null
                    : infos.get(0).getSelSecurityMethod().toString();
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
                    if (r.statusCode() != 200) {
                        AccessTokenErr err = read(r, AccessTokenErr.class);
                        String error = err == null || err.getError() == null ? null : err.getError().toString();
                        return Future.failedFuture(new CapifException(CapifException.Operation.TOKEN, r.statusCode(),
                                "CAPIF refused an access token for scope " + scope + ": " + r.statusCode()
                                        + (error == null ? "" : " " + error), null));
                    }
                    AccessTokenRsp answer = read(r, AccessTokenRsp.class);
                    String token = answer == null ? null : answer.getAccessToken();
                    String type = answer == null || answer.getTokenType() == null ? "" : answer.getTokenType().toString();
                    if (token == null || token.isBlank() || !type.equalsIgnoreCase("Bearer")) {
                        return Future.failedFuture(new CapifException(CapifException.Operation.TOKEN, 200,
                                "CAPIF answered the token request without a Bearer access_token", null));
                    }
                    long seconds = answer.getExpiresIn() == null ? 0 : answer.getExpiresIn();
                    return Future.succeededFuture(new IssuedToken(token,
                            Duration.ofSeconds(seconds > 0 ? seconds : 60)));
                });
    }

    // ------------------------------------------------------------------------------------------

    private static APIInvokerEnrolmentDetails enrolment(String apiInvokerId, String csrPem,
                                                        String notificationDestination, String invokerInformation) {
        return new APIInvokerEnrolmentDetails().apiInvokerId(apiInvokerId)
                .onboardingInformation(new OnboardingInformation().apiInvokerPublicKey(csrPem))
                .notificationDestination(notificationDestination)
                .apiInvokerInformation(invokerInformation)
                .supportedFeatures(SUPPORTED_FEATURES);
    }

    /**
     * Pays Jackson's first look at the CAPIF types on the calling thread (a worker), so that no event loop pays it
     * with the first answer.
     */
    public static void warmUp() {
        // The first connection of an event loop makes Netty's DNS resolver (tens of ms of class loading): load it here.
        for (String name : List.of("io.netty.resolver.dns.DnsAddressResolverGroup", "io.netty.resolver.dns.DnsNameResolver",
                "io.netty.resolver.dns.DnsNameResolverBuilder", "io.netty.resolver.InetSocketAddressResolver",
                "io.netty.resolver.dns.DnsServerAddressStreamProviders", "io.netty.handler.codec.dns.DatagramDnsQueryEncoder",
                "io.netty.handler.codec.dns.DatagramDnsResponseDecoder", "io.netty.resolver.dns.DefaultDnsCache")) {
            try {
                Class.forName(name, true, CapifApi.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("CAPIF warm-up: {}", e.toString());
            }
        }
        try {
            io.netty.resolver.dns.DnsServerAddressStreamProviders.platformDefault();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("CAPIF warm-up: {}", e.toString());
        }
        try {
            JSON.writeValueAsBytes(enrolment("x", "csr", "http://x", "x"));
            JSON.readValue("{\"serviceAPIDescriptions\":[{\"apiName\":\"a\",\"aefProfiles\":[{\"aefId\":\"a\","
                    + "\"versions\":[{\"apiVersion\":\"v1\"}],\"interfaceDescriptions\":[{\"ipv4Addr\":\"127.0.0.1\","
                    + "\"port\":1,\"securityMethods\":[\"OAUTH\"]}]}]}]}", DiscoveredAPIs.class);
            JSON.readValue("{\"apiInvokerId\":\"x\",\"onboardingInformation\":{\"apiInvokerPublicKey\":\"k\"},"
                    + "\"notificationDestination\":\"http://x\"}", APIInvokerEnrolmentDetails.class);
            JSON.writeValueAsBytes(new ServiceSecurity().securityInfo(List.of(new SecurityInformation().aefId("a")
                    .prefSecurityMethods(List.of(SecurityMethod.OAUTH)))).notificationDestination("http://x"));
            JSON.readValue("{\"securityInfo\":[{\"aefId\":\"a\",\"prefSecurityMethods\":[\"OAUTH\"],"
                    + "\"selSecurityMethod\":\"OAUTH\"}],\"notificationDestination\":\"http://x\"}", ServiceSecurity.class);
            JSON.readValue("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":1}", AccessTokenRsp.class);
            JSON.readValue("{\"error\":\"invalid_scope\"}", AccessTokenErr.class);
        } catch (java.io.IOException e) {
            LOG.debug("CAPIF warm-up: {}", e.toString());
        }
    }

    private Future<HttpResponse<Buffer>> send(CapifException.Operation op, HttpMethod method, String uri,
                                              String bearer, Object body) {
        HttpRequest<Buffer> request = request(method, uri, bearer);
        Future<HttpResponse<Buffer>> sent;
        if (body == null) {
            sent = request.send();
        } else {
            try {
                sent = request.putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(JSON.writeValueAsBytes(body)));
            } catch (java.io.IOException e) {
                return Future.failedFuture(new CapifException(op, 0, "CAPIF " + op.label() + ": cannot write the body", e));
            }
        }
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
        String handshake = handshakeFailure(e);
        if (handshake != null) {
            return new CapifException(op, 0, "CAPIF " + op.label() + " " + uri + ": " + handshake, e);
        }
        return new CapifException(op, 0, "CAPIF " + op.label() + " " + uri + ": no answer"
                + (e instanceof TimeoutException ? " within " + timeoutMs + " ms" : " (" + e.getMessage() + ")"), e);
    }

    /**
     * What went wrong in a failed TLS handshake, or null when {@code e} is not one. The reason sits at the bottom of
     * the causes (Vert.x's own says only "Failed to create SSL connection"); a certificate CAPIF's was refused for
     * is nearly always a trust file without its CA, or a certificate for another host.
     */
    private static String handshakeFailure(Throwable e) {
        boolean handshake = false;
        boolean certificate = false;
        Throwable deepest = e;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            handshake |= t instanceof SSLHandshakeException;
            certificate |= t instanceof CertificateException;
            deepest = t;
        }
        if (!handshake) {
            return null;
        }
        return certificate
                ? "the TLS handshake failed, CAPIF's certificate was not accepted (" + deepest.getMessage() + "):"
                        + " capif.trustFile must hold the CA that issued it, and it must name the host of capif.capifRoot"
                : "the TLS handshake failed (" + deepest.getMessage() + ")";
    }

    private static CapifException refused(CapifException.Operation op, String uri, HttpResponse<Buffer> r) {
        JsonObject problem = problem(r);
        String detail = problem == null ? null : problem.getString("detail", problem.getString("cause"));
        return new CapifException(op, r.statusCode(), "CAPIF " + op.label() + " " + uri.replaceAll("\\?.*", "")
                + " -> " + r.statusCode() + (detail == null ? "" : ": " + detail), null);
    }

    /** A problem details body's members, or null. */
    private static JsonObject problem(HttpResponse<Buffer> r) {
        Buffer body = r.body();
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return body.toJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The body as {@code type}, or null when there is none or it does not read as one. */
    private static <T> T read(HttpResponse<Buffer> r, Class<T> type) {
        Buffer body = r.body();
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return JSON.readValue(body.getBytes(), type);
        } catch (java.io.IOException e) {
            LOG.debug("CAPIF answer is not a {}: {}", type.getSimpleName(), e.getMessage());
            return null;
        }
    }

    static List<DiscoveredApi> apis(List<ServiceAPIDescription> descriptions) {
        List<DiscoveredApi> apis = new ArrayList<>();
        for (ServiceAPIDescription d : descriptions == null ? List.<ServiceAPIDescription>of() : descriptions) {
            List<DiscoveredApi.Aef> aefs = new ArrayList<>();
            for (AefProfile profile : d.getAefProfiles() == null ? List.<AefProfile>of() : d.getAefProfiles()) {
                List<String> versions = profile.getVersions() == null ? List.of()
                        : profile.getVersions().stream().map(Version::getApiVersion).filter(Objects::nonNull).toList();
                List<DiscoveredApi.Endpoint> endpoints = new ArrayList<>();
                if (profile.getInterfaceDescriptions() != null) {
                    for (InterfaceDescription e : profile.getInterfaceDescriptions()) {
                        endpoints.add(new DiscoveredApi.Endpoint(e.getIpv4Addr(), e.getIpv6Addr(), e.getFqdn(),
                                e.getPort(), e.getApiPrefix(), methods(e.getSecurityMethods())));
                    }
                }
                aefs.add(new DiscoveredApi.Aef(profile.getAefId(), versions, methods(profile.getSecurityMethods()),
                        profile.getDomainName(), endpoints));
            }
            apis.add(new DiscoveredApi(d.getApiName(), d.getApiId(), aefs));
        }
        return apis;
    }

    private static List<String> methods(List<SecurityMethod> methods) {
        return methods == null ? List.of() : methods.stream().filter(Objects::nonNull)
                .map(m -> m.toString().toUpperCase(Locale.ROOT)).toList();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
