package io.modelqos.nef.emulator;

import io.modelqos.openapi.capif.model.APIInvokerEnrolmentDetails;
import io.modelqos.openapi.capif.model.AccessTokenErr;
import io.modelqos.openapi.capif.model.AccessTokenRsp;
import io.modelqos.openapi.capif.model.AefProfile;
import io.modelqos.openapi.capif.model.CommunicationType;
import io.modelqos.openapi.capif.model.DataFormat;
import io.modelqos.openapi.capif.model.DiscoveredAPIs;
import io.modelqos.openapi.capif.model.InterfaceDescription;
import io.modelqos.openapi.capif.model.Operation;
import io.modelqos.openapi.capif.model.Protocol;
import io.modelqos.openapi.capif.model.Resource;
import io.modelqos.openapi.capif.model.SecurityInformation;
import io.modelqos.openapi.capif.model.SecurityMethod;
import io.modelqos.openapi.capif.model.SecurityNotification;
import io.modelqos.openapi.capif.model.ServiceAPIDescription;
import io.modelqos.openapi.capif.model.ServiceSecurity;
import io.modelqos.openapi.capif.model.Version;
import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CAPIF core function's state and rules (TS 29.222, TS 33.122), without HTTP: onboarded
 * invokers, their security contexts and access tokens, and the one published API, the emulator's
 * own AsSessionWithQoS. Invokers are identified by their invoker id, which is also their
 * onboarding resource id. Thread-safe (the admin accessors of {@link NefEmulator} may call it
 * from any thread).
 */
final class CapifCore {

    private static final Logger LOG = LoggerFactory.getLogger(CapifCore.class);

    /** The API name of AsSessionWithQoS (TS 29.122 clause 5.2.4), as published and as in token scopes. */
    static final String API_NAME = "3gpp-as-session-with-qos";
    static final String API_VERSION = "v1";
    static final String API_ID = "as-session-with-qos";
    /** The emulator's NEF as an API exposing function. */
    static final String AEF_ID = "AEF-nef-emulator";

    /** An onboarded invoker's enrolment as stored (with its certificate). */
    private record Invoker(String id, APIInvokerEnrolmentDetails details) {
    }

    /** A security context: the method selected per AEF. */
    private record Trust(ServiceSecurity answer, Set<String> oauthAefs) {
    }

    /** An issued access token: whose, for which AEF and APIs, until when. */
    private record Grant(String invokerId, String aefId, Set<String> apiNames, long expiryNanos) {
    }

    /** The answer to a token request: a token, or an OAuth 2.0 error with its HTTP status. */
    record TokenResult(AccessTokenRsp token, int status, AccessTokenErr error) {
        static TokenResult error(int status, AccessTokenErr.ErrorEnum error, String description) {
            return new TokenResult(null, status, new AccessTokenErr().error(error).errorDescription(description));
        }
    }

    /** Discovery filters (null = not filtered); supported-features and preferred-aef-loc only inform, they do not filter. */
    record DiscoveryQuery(String apiInvokerId, String apiName, String apiVersion, String commType, String protocol,
                          String aefId, String dataFormat, String apiCat) {
    }

    private final CapifOptions options;
    private final CapifCertificateAuthority ca;
    private final Supplier<String> nefApiRoot;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Invoker> invokers = new ConcurrentHashMap<>();
    private final Map<String, Trust> trusts = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicInteger onboardings = new AtomicInteger();

    CapifCore(CapifOptions options, CapifCertificateAuthority ca, Supplier<String> nefApiRoot) {
        this.options = options;
        this.ca = ca;
        this.nefApiRoot = nefApiRoot;
    }

    /**
     * Pays the first-use costs (BouncyCastle class loading, Jackson's first look at the CAPIF
     * models) on the calling worker thread rather than in the first request on an event loop.
     */
    void warmUp() {
        ca.warmUp();
        var mapper = io.modelqos.openapi.T8Json.mapper();
        mapper.valueToTree(new DiscoveredAPIs().addServiceAPIDescriptionsItem(new ServiceAPIDescription().apiName(API_NAME)
                .addAefProfilesItem(new AefProfile().aefId(AEF_ID).addVersionsItem(new Version().apiVersion(API_VERSION))
                        .addSecurityMethodsItem(SecurityMethod.OAUTH).addInterfaceDescriptionsItem(new InterfaceDescription().port(1)))));
        mapper.convertValue(mapper.createObjectNode().put("notificationDestination", "http://127.0.0.1/warm-up")
                .set("onboardingInformation", mapper.createObjectNode().put("apiInvokerPublicKey", "-")), APIInvokerEnrolmentDetails.class);
        mapper.convertValue(new ServiceSecurity().notificationDestination("http://127.0.0.1/warm-up")
                .addSecurityInfoItem(new SecurityInformation().aefId(AEF_ID).addPrefSecurityMethodsItem(SecurityMethod.OAUTH)), ServiceSecurity.class);
        mapper.valueToTree(new AccessTokenRsp().accessToken("-").tokenType(AccessTokenRsp.TokenTypeEnum.BEARER).expiresIn(1));
        mapper.valueToTree(new AccessTokenErr().error(AccessTokenErr.ErrorEnum.INVALID_SCOPE));
    }

    // ------------------------------------------------------------------------------------------
    // Invoker management
    // ------------------------------------------------------------------------------------------

    /** Whether {@code token} is one of the onboarding credentials (compared in constant time). */
    boolean isOnboardingToken(String token) {
        if (token == null) {
            return false;
        }
        boolean match = false;
        for (String accepted : options.getOnboardingTokens()) {
            match |= MessageDigest.isEqual(accepted.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    /** Onboards a new invoker: a fresh invoker id and a certificate signed from its request. */
    APIInvokerEnrolmentDetails onboard(APIInvokerEnrolmentDetails request) {
        if (request.getApiInvokerId() != null) {
            throw ApiException.badRequest(ApiException.OPTIONAL_IE_INCORRECT, "/apiInvokerId",
                    "the CAPIF core function assigns the invoker id; it must not be in an onboarding request");
        }
        checkEnrolment(request);
        String id = "INV" + HexFormat.of().formatHex(randomBytes(8));
        APIInvokerEnrolmentDetails stored = withCertificate(request, id);
        invokers.put(id, new Invoker(id, stored));
        onboardings.incrementAndGet();
        LOG.info("CAPIF: invoker {} onboarded ({})", id, request.getApiInvokerInformation());
        return copy(stored);
    }

    /** Replaces an invoker's enrolment (a new certificate is signed from the request sent). */
    APIInvokerEnrolmentDetails update(String onboardingId, APIInvokerEnrolmentDetails request) {
        invoker(onboardingId);
        if (request.getApiInvokerId() != null && !request.getApiInvokerId().equals(onboardingId)) {
            throw ApiException.badRequest(ApiException.OPTIONAL_IE_INCORRECT, "/apiInvokerId",
                    "apiInvokerId differs from the onboarding resource " + onboardingId);
        }
        checkEnrolment(request);
        APIInvokerEnrolmentDetails stored = withCertificate(request, onboardingId);
        invokers.put(onboardingId, new Invoker(onboardingId, stored));
        LOG.info("CAPIF: invoker {} updated its enrolment", onboardingId);
        return copy(stored);
    }

    /** Offboards an invoker: its enrolment, security context and tokens are gone. */
    void offboard(String onboardingId) {
        invoker(onboardingId);
        forget(onboardingId);
        LOG.info("CAPIF: invoker {} offboarded", onboardingId);
    }

    /** Revokes an invoker as an operator would (same effect as offboarding); false if it is not onboarded. */
    boolean revoke(String invokerId) {
        if (!invokers.containsKey(invokerId)) {
            return false;
        }
        forget(invokerId);
        LOG.info("CAPIF: invoker {} revoked", invokerId);
        return true;
    }

    int onboardedCount() {
        return invokers.size();
    }

    /** Onboardings performed since start (successful POSTs), including those later offboarded or revoked. */
    int onboardingsPerformed() {
        return onboardings.get();
    }

    List<String> invokerIds() {
        return List.copyOf(invokers.keySet());
    }

    String caCertificatePem() {
        return ca.certificatePem();
    }

    private void checkEnrolment(APIInvokerEnrolmentDetails request) {
        if (request.getOnboardingInformation() == null) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, "/onboardingInformation", "onboardingInformation is required");
        }
        if (request.getOnboardingInformation().getApiInvokerPublicKey() == null) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, "/onboardingInformation/apiInvokerPublicKey",
                    "apiInvokerPublicKey (a PEM PKCS#10 certificate request) is required");
        }
        String destination = request.getNotificationDestination();
        if (destination == null) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, "/notificationDestination", "notificationDestination is required");
        }
        if (!isAbsoluteHttpUri(destination)) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_INCORRECT, "/notificationDestination",
                    "notificationDestination must be an absolute http(s) URI");
        }
    }

    private APIInvokerEnrolmentDetails withCertificate(APIInvokerEnrolmentDetails request, String invokerId) {
        String certificate;
        try {
            certificate = ca.sign(request.getOnboardingInformation().getApiInvokerPublicKey(), invokerId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_INCORRECT, "/onboardingInformation/apiInvokerPublicKey", e.getMessage());
        }
        APIInvokerEnrolmentDetails stored = copy(request);
        stored.setApiInvokerId(invokerId);
        stored.getOnboardingInformation().setApiInvokerCertificate(certificate);
        stored.getOnboardingInformation().setOnboardingSecret(null);
        return stored;
    }

    private Invoker invoker(String id) {
        Invoker invoker = id == null ? null : invokers.get(id);
        if (invoker == null) {
            throw ApiException.notFound("no onboarded API invoker " + id + " (never onboarded, offboarded or revoked)");
        }
        return invoker;
    }

    private void forget(String invokerId) {
        invokers.remove(invokerId);
        trusts.remove(invokerId);
        grants.values().removeIf(g -> g.invokerId().equals(invokerId));
    }

    // ------------------------------------------------------------------------------------------
    // Discovery
    // ------------------------------------------------------------------------------------------

    /** The published APIs matching the query; an unknown invoker is 404. Empty when nothing matches. */
    DiscoveredAPIs discover(DiscoveryQuery q) {
        invoker(q.apiInvokerId());
        ServiceAPIDescription api = publishedApi();
        AefProfile aef = api.getAefProfiles().get(0);
        boolean matches = (q.apiName() == null || q.apiName().equals(api.getApiName()))
                && (q.apiVersion() == null || aef.getVersions().stream().anyMatch(v -> v.getApiVersion().equals(q.apiVersion())))
                && (q.commType() == null || CommunicationType.REQUEST_RESPONSE.toString().equals(q.commType()))
                && (q.protocol() == null || aef.getProtocol().toString().equals(q.protocol()))
                && (q.aefId() == null || aef.getAefId().equals(q.aefId()))
                && (q.dataFormat() == null || aef.getDataFormat().toString().equals(q.dataFormat()))
                && (q.apiCat() == null || q.apiCat().equals(api.getServiceAPICategory()));
        return matches ? new DiscoveredAPIs().addServiceAPIDescriptionsItem(api) : new DiscoveredAPIs();
    }

    /** The emulator's AsSessionWithQoS as published: one AEF at the NEF's own address. */
    ServiceAPIDescription publishedApi() {
        URI root = URI.create(nefApiRoot.get());
        String host = root.getHost().startsWith("[") ? root.getHost().substring(1, root.getHost().length() - 1) : root.getHost();
        int port = root.getPort() > 0 ? root.getPort() : ("https".equals(root.getScheme()) ? 443 : 80);
        InterfaceDescription where = new InterfaceDescription().port(port);
        if (host.matches("^\\d{1,3}(\\.\\d{1,3}){3}$")) {
            where.setIpv4Addr(host);
        } else if (host.contains(":")) {
            where.setIpv6Addr(host);
        } else {
            where.setFqdn(host);
        }
        if (root.getRawPath() != null && !root.getRawPath().isEmpty() && !root.getRawPath().equals("/")) {
            where.setApiPrefix(root.getRawPath());
        }
        Resource subscriptions = new Resource().resourceName("AS_SESSION_WITH_QOS_SUBSCRIPTIONS")
                .commType(CommunicationType.REQUEST_RESPONSE).uri("/{scsAsId}/subscriptions")
                .addOperationsItem(Operation.GET).addOperationsItem(Operation.POST);
        Resource subscription = new Resource().resourceName("INDIVIDUAL_AS_SESSION_WITH_QOS_SUBSCRIPTION")
                .commType(CommunicationType.REQUEST_RESPONSE).uri("/{scsAsId}/subscriptions/{subscriptionId}")
                .addOperationsItem(Operation.GET).addOperationsItem(Operation.PUT).addOperationsItem(Operation.PATCH)
                .addOperationsItem(Operation.DELETE);
        AefProfile aef = new AefProfile().aefId(AEF_ID)
                .addVersionsItem(new Version().apiVersion(API_VERSION).addResourcesItem(subscriptions).addResourcesItem(subscription))
                .protocol(Protocol.HTTP_1_1).dataFormat(DataFormat.JSON)
                .addSecurityMethodsItem(SecurityMethod.OAUTH).addSecurityMethodsItem(SecurityMethod.PKI)
                .addInterfaceDescriptionsItem(where);
        return new ServiceAPIDescription().apiName(API_NAME).apiId(API_ID).addAefProfilesItem(aef)
                .description("AsSessionWithQoS (TS 29.122) of the ModelQoS NEF emulator");
    }

    // ------------------------------------------------------------------------------------------
    // Security
    // ------------------------------------------------------------------------------------------

    /**
     * Creates or replaces an invoker's security context: per entry the selected method is OAUTH if
     * the invoker prefers it at all, else PKI if it prefers that (the two the AEF offers). An
     * unknown invoker is 401 (the PUT has no 404 in TS 29.222).
     */
    ServiceSecurity trust(String invokerId, ServiceSecurity request) {
        if (invokerId == null || !invokers.containsKey(invokerId)) {
            // TS 29.222 defines no 404 for this PUT: an invoker the CCF does not know is not authenticated.
            throw ApiException.unauthorized("no onboarded API invoker " + invokerId + " (never onboarded, offboarded or revoked)")
                    .header("WWW-Authenticate", "Bearer realm=\"capif\"");
        }
        if (request.getSecurityInfo() == null || request.getSecurityInfo().isEmpty()) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, "/securityInfo", "securityInfo needs at least one entry");
        }
        if (request.getNotificationDestination() == null || !isAbsoluteHttpUri(request.getNotificationDestination())) {
            throw ApiException.badRequest(request.getNotificationDestination() == null ? ApiException.MANDATORY_IE_MISSING
                    : ApiException.MANDATORY_IE_INCORRECT, "/notificationDestination", "notificationDestination must be an absolute http(s) URI");
        }
        ServiceSecurity answer = copy(request);
        Set<String> oauthAefs = new java.util.HashSet<>();
        for (int i = 0; i < answer.getSecurityInfo().size(); i++) {
            SecurityInformation entry = answer.getSecurityInfo().get(i);
            String at = "/securityInfo/" + i;
            if ((entry.getAefId() == null) == (entry.getInterfaceDetails() == null)) {
                throw ApiException.badRequest(ApiException.MANDATORY_IE_INCORRECT, at, "exactly one of aefId and interfaceDetails is required");
            }
            if (entry.getAefId() != null && !AEF_ID.equals(entry.getAefId())) {
                throw ApiException.badRequest(ApiException.MANDATORY_IE_INCORRECT, at + "/aefId", "no AEF " + entry.getAefId() + " here (only " + AEF_ID + ")");
            }
            if (entry.getInterfaceDetails() != null && !sameAddress(publishedInterface(), entry.getInterfaceDetails())) {
                throw ApiException.badRequest(ApiException.MANDATORY_IE_INCORRECT, at + "/interfaceDetails", "not an interface of " + AEF_ID);
            }
            if (entry.getApiId() != null && !API_ID.equals(entry.getApiId())) {
                throw ApiException.badRequest(ApiException.MANDATORY_IE_INCORRECT, at + "/apiId", "no API " + entry.getApiId() + " here (only " + API_ID + ")");
            }
            List<SecurityMethod> preferred = entry.getPrefSecurityMethods();
            if (preferred == null || preferred.isEmpty()) {
                throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, at + "/prefSecurityMethods", "prefSecurityMethods needs at least one method");
            }
            SecurityMethod selected = preferred.contains(SecurityMethod.OAUTH) ? SecurityMethod.OAUTH
                    : preferred.contains(SecurityMethod.PKI) ? SecurityMethod.PKI : null;
            if (selected == null) {
                throw ApiException.badRequest(ApiException.MANDATORY_IE_INCORRECT, at + "/prefSecurityMethods",
                        "none of the preferred methods is offered by " + AEF_ID + " (OAUTH, PKI)");
            }
            entry.setSelSecurityMethod(selected);
            if (selected == SecurityMethod.OAUTH) {
                oauthAefs.add(AEF_ID);
            }
        }
        trusts.put(invokerId, new Trust(answer, Set.copyOf(oauthAefs)));
        LOG.info("CAPIF: security context of invoker {} set ({} entries)", invokerId, answer.getSecurityInfo().size());
        return copy(answer);
    }

    /** Removes an invoker's security context and its tokens. */
    void untrust(String invokerId) {
        if (trusts.remove(invokerId) == null) {
            throw ApiException.notFound("no security context for API invoker " + invokerId);
        }
        grants.values().removeIf(g -> g.invokerId().equals(invokerId));
    }

    /** Revokes the invoker's authorization for the APIs named (here: its tokens for this AEF go). */
    void revokeAuthorization(String invokerId, SecurityNotification notice) {
        if (!trusts.containsKey(invokerId)) {
            throw ApiException.notFound("no security context for API invoker " + invokerId);
        }
        if (notice.getApiInvokerId() != null && !invokerId.equals(notice.getApiInvokerId())) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_INCORRECT, "/apiInvokerId", "differs from the path's invoker " + invokerId);
        }
        if (notice.getApiIds() == null || notice.getApiIds().isEmpty()) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, "/apiIds", "apiIds needs at least one API");
        }
        if (notice.getCause() == null) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, "/cause", "cause is required");
        }
        if (notice.getApiIds().contains(API_ID) && (notice.getAefId() == null || AEF_ID.equals(notice.getAefId()))) {
            trusts.computeIfPresent(invokerId, (id, t) -> new Trust(t.answer(), Set.of()));
            grants.values().removeIf(g -> g.invokerId().equals(invokerId));
        }
    }

    /**
     * The client credentials grant of TS 29.222 clause 8.5.4.2.3: {@code client_id} is the
     * invoker id (and must be the path's securityId), {@code scope} is
     * {@code 3gpp#{aefId}:{apiName}[,{apiName}][;{aefId}:...]} naming only APIs of AEFs for which
     * the invoker's security context selected OAUTH.
     */
    TokenResult issueToken(String securityId, String grantType, String clientId, String scope) {
        if (grantType == null) {
            return TokenResult.error(400, AccessTokenErr.ErrorEnum.INVALID_REQUEST, "grant_type is missing");
        }
        if (!"client_credentials".equals(grantType)) {
            return TokenResult.error(400, AccessTokenErr.ErrorEnum.UNSUPPORTED_GRANT_TYPE, "only client_credentials is supported");
        }
        if (clientId == null) {
            return TokenResult.error(400, AccessTokenErr.ErrorEnum.INVALID_REQUEST, "client_id is missing");
        }
        if (!invokers.containsKey(clientId)) {
            return TokenResult.error(401, AccessTokenErr.ErrorEnum.INVALID_CLIENT, "no onboarded API invoker " + clientId);
        }
        if (!clientId.equals(securityId)) {
            return TokenResult.error(400, AccessTokenErr.ErrorEnum.INVALID_REQUEST, "client_id must be the invoker id of the path");
        }
        Trust trust = trusts.get(clientId);
        if (trust == null || trust.oauthAefs().isEmpty()) {
            return TokenResult.error(400, AccessTokenErr.ErrorEnum.UNAUTHORIZED_CLIENT,
                    "no security context selecting OAUTH for this invoker (PUT trustedInvokers first)");
        }
        if (scope == null || !scope.startsWith("3gpp#")) {
            return TokenResult.error(400, AccessTokenErr.ErrorEnum.INVALID_SCOPE, "scope must be 3gpp#{aefId}:{apiName}");
        }
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (String part : scope.substring(5).split(";")) {
            int colon = part.indexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                return TokenResult.error(400, AccessTokenErr.ErrorEnum.INVALID_SCOPE, "malformed scope part '" + part + "' ({aefId}:{apiName})");
            }
            String aef = part.substring(0, colon);
            Set<String> apis = Set.of(part.substring(colon + 1).split(","));
            if (!AEF_ID.equals(aef) || !apis.equals(Set.of(API_NAME))) {
                return TokenResult.error(400, AccessTokenErr.ErrorEnum.INVALID_SCOPE, "unknown AEF or API in scope: " + part
                        + " (here: " + AEF_ID + ":" + API_NAME + ")");
            }
            if (!trust.oauthAefs().contains(aef)) {
                return TokenResult.error(400, AccessTokenErr.ErrorEnum.INVALID_SCOPE, "OAUTH was not selected for " + aef);
            }
            wanted.put(aef, apis);
        }
        String token = "capif." + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        long ttl = options.getTokenTtlSeconds();
        grants.put(token, new Grant(clientId, AEF_ID, wanted.get(AEF_ID), System.nanoTime() + ttl * 1_000_000_000L));
        purgeExpired();
        LOG.info("CAPIF: token issued to invoker {} for {} ({} s)", clientId, scope, ttl);
        return new TokenResult(new AccessTokenRsp().accessToken(token).tokenType(AccessTokenRsp.TokenTypeEnum.BEARER)
                .expiresIn((int) Math.min(Integer.MAX_VALUE, ttl)).scope(scope), 200, null);
    }

    /** Why the NEF refuses {@code token} for AsSessionWithQoS, or null when it is a valid CAPIF token for it. */
    String refusal(String token) {
        Grant grant = token == null ? null : grants.get(token);
        if (grant == null || grant.expiryNanos() - System.nanoTime() <= 0) {
            return "the bearer token is not a valid CAPIF access token (unknown, expired or revoked)";
        }
        if (!grant.apiNames().contains(API_NAME)) {
            return "the CAPIF access token does not cover " + API_NAME;
        }
        return null;
    }

    /**
     * Why the NEF refuses a request with {@code token} from a TLS client that presented
     * {@code presented} (null: no certificate), or null when it does not: a CAPIF access token is
     * served only to the API invoker it was issued to, authenticated by the certificate this CAPIF
     * core function issued it at onboarding (TS 33.122: the invoker authenticates with its
     * certificate towards the AEF). A token that is no valid CAPIF access token is not judged here:
     * {@link #refusal(String)} is.
     */
    String certificateRefusal(String token, X509Certificate presented) {
        Grant grant = token == null ? null : grants.get(token);
        if (grant == null) {
            return null;
        }
        if (presented == null) {
            return "no client certificate: over TLS the NEF serves a CAPIF access token only to the API invoker it was issued to ("
                    + grant.invokerId() + "), presenting the certificate CAPIF issued it at onboarding";
        }
        String holder = ca.invokerIdOf(presented);
        if (holder == null) {
            return "the client certificate (" + presented.getSubjectX500Principal().getName()
                    + ") was not issued by this CAPIF core function; the access token is API invoker " + grant.invokerId() + "'s";
        }
        if (!holder.equals(grant.invokerId())) {
            return "the client certificate is API invoker " + holder + "'s, but the access token was issued to API invoker "
                    + grant.invokerId();
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------

    private InterfaceDescription publishedInterface() {
        return publishedApi().getAefProfiles().get(0).getInterfaceDescriptions().get(0);
    }

    private static boolean sameAddress(InterfaceDescription a, InterfaceDescription b) {
        return java.util.Objects.equals(a.getIpv4Addr(), b.getIpv4Addr()) && java.util.Objects.equals(a.getIpv6Addr(), b.getIpv6Addr())
                && java.util.Objects.equals(a.getFqdn(), b.getFqdn()) && java.util.Objects.equals(a.getPort(), b.getPort());
    }

    private void purgeExpired() {
        long now = System.nanoTime();
        grants.values().removeIf(g -> g.expiryNanos() - now <= 0);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static boolean isAbsoluteHttpUri(String uri) {
        try {
            URI parsed = new URI(uri);
            return parsed.getHost() != null && ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static <T> T copy(T model) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) model.getClass();
        return io.modelqos.openapi.T8Json.mapper().convertValue(model, type);
    }
}
