package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.qos.BitRate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Locale;

/**
 * A stateful stand-in for a 5G NEF serving TS 29.122 AsSessionWithQoS (T8) on
 * {@code {apiRoot}/3gpp-as-session-with-qos/v1}, and for N5 a PCF (TS 29.514
 * Npcf_PolicyAuthorization on {@code {apiRoot}/npcf-policyauthorization/v1}), a BSF (TS 29.521 GET
 * {@code {apiRoot}/nbsf-management/v1/pcfBindings}) and an NRF (TS 29.510 GET
 * {@code {apiRoot}/nnrf-disc/v1/nf-instances}, {@code POST {apiRoot}/oauth2/token}), all on one
 * GBR capacity model, with notifications to the AF and fault injection. Embeddable in tests and
 * tools:
 *
 * <pre>{@code
 * NefEmulator nef = NefEmulator.start(vertx, new EmulatorOptions().setPort(0)).await();
 * String t8 = nef.apiRoot() + "/3gpp-as-session-with-qos/v1/af-1/subscriptions";
 * ...
 * nef.close().await();
 * }</pre>
 *
 * With {@code capif.enabled} it also plays a CAPIF core function (TS 29.222) at {@code {apiRoot}/capif}
 * ({@link #capifRoot()}), and AsSessionWithQoS then requires CAPIF-issued access tokens.
 *
 * <p>With {@code tls} ({@link TlsOptions}) everything is served over https; with CAPIF too,
 * AsSessionWithQoS then serves a CAPIF access token only to the API invoker it was issued to,
 * presenting the certificate CAPIF issued it (403 otherwise).
 *
 * <p>Besides these APIs it serves {@code /emulator/v1/faults} and {@code /emulator/v1/state} (see
 * {@link AdminRoutes}).
 */
public final class NefEmulator {

    /** Base path of the NEF's AsSessionWithQoS API under the apiRoot. */
    public static final String T8_BASE_PATH = "/3gpp-as-session-with-qos/v1";
    /** Base path of the PCF's Npcf_PolicyAuthorization API under the apiRoot. */
    public static final String PCF_BASE_PATH = "/npcf-policyauthorization/v1";
    /** Base path of the BSF's Nbsf_Management API under the apiRoot. */
    public static final String BSF_BASE_PATH = "/nbsf-management/v1";
    /** Base path of the NRF's Nnrf_NFDiscovery API under the apiRoot. */
    public static final String NRF_DISCOVERY_BASE_PATH = "/nnrf-disc/v1";
    /** The token endpoint (the NRF's Nnrf_AccessToken, and the NEF's client credentials) under the apiRoot. */
    public static final String TOKEN_PATH = "/oauth2/token";

    private final Vertx vertx;
    private final String deploymentId;
    private final EmulatorVerticle verticle;
    private final EmulatorOptions options;

    private NefEmulator(Vertx vertx, String deploymentId, EmulatorVerticle verticle, EmulatorOptions options) {
        this.vertx = vertx;
        this.deploymentId = deploymentId;
        this.verticle = verticle;
        this.options = options;
    }

    /**
     * Starts an emulator; the options are copied, so changing them afterwards has no effect (use
     * {@link #setFaults} for faults).
     */
    public static Future<NefEmulator> start(Vertx vertx, EmulatorOptions options) {
        EmulatorOptions copy;
        try {
            copy = options.copy().validated();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        EmulatorVerticle verticle = new EmulatorVerticle(copy, vertx);
        // Jackson's first look at the T8 types costs tens to hundreds of milliseconds: paid on a worker, not by the
        // first create on an event loop. The request path itself is unchanged.
        return vertx.<Void>executeBlocking(() -> {
            warmUpJson();
            return null;
        }, false).compose(warm -> vertx.deployVerticle(verticle)).map(id -> new NefEmulator(vertx, id, verticle, copy));
    }

    private static void warmUpJson() {
        com.fasterxml.jackson.databind.node.ObjectNode body = io.modelqos.openapi.T8Json.mapper().createObjectNode()
                .put("notificationDestination", "http://127.0.0.1/warm-up").put("ueIpv4Addr", "10.45.0.1");
        io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription typed = io.modelqos.openapi.T8Json.mapper()
                .convertValue(body, io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription.class);
        io.modelqos.openapi.T8Json.mapper().valueToTree(typed);
        io.modelqos.openapi.T8Json.mapper().valueToTree(new io.modelqos.openapi.t8.model.UserPlaneNotificationData()
                .transaction("http://127.0.0.1/warm-up"));
    }

    /**
     * e.g. {@code http://127.0.0.1:8081} ({@code https://} with {@code tls}); the AsSessionWithQoS API is under
     * {@code /3gpp-as-session-with-qos/v1}.
     */
    public String apiRoot() {
        return verticle.apiRoot();
    }

    /** One line naming what is served where, for a console. */
    public String endpoints() {
        String root = apiRoot();
        String line = "AsSessionWithQoS at " + root + T8_BASE_PATH;
        if (options.getN5().isEnabled()) {
            line += "; N5: PCF at " + root + PCF_BASE_PATH + ", BSF at " + root + BSF_BASE_PATH + ", NRF at "
                    + root + NRF_DISCOVERY_BASE_PATH + " and " + root + TOKEN_PATH;
        }
        if (options.getCapif().isEnabled()) {
            line += "; CAPIF core function at " + capifRoot() + " (the NEF requires CAPIF access tokens"
                    + (options.getTls().isEnabled() ? " and the certificate CAPIF issued the token's invoker)" : ")");
        }
        return line + "; admin at " + root + AdminRoutes.BASE;
    }

    /** The CAPIF root (TS 29.222 apiRoot of the CAPIF core function), e.g. {@code http://127.0.0.1:8081/capif}; null unless CAPIF is enabled. */
    public String capifRoot() {
        return verticle.capif == null ? null : apiRoot() + CapifRoutes.ROOT;
    }

    /** Number of API invokers onboarded now (0 when CAPIF is off). */
    public int onboardedInvokerCount() {
        return verticle.capif == null ? 0 : verticle.capif.onboardedCount();
    }

    /** Onboardings performed since start, including invokers since offboarded or revoked (0 when CAPIF is off). */
    public int onboardingCount() {
        return verticle.capif == null ? 0 : verticle.capif.onboardingsPerformed();
    }

    /** The ids of the API invokers onboarded now. */
    public List<String> onboardedInvokerIds() {
        return verticle.capif == null ? List.of() : verticle.capif.invokerIds();
    }

    /**
     * Revokes an API invoker as an operator would (as {@code DELETE /emulator/v1/capif/invokers/{id}}):
     * its onboarding, security context and tokens are gone, so CAPIF answers 404 for it and the NEF
     * refuses its tokens with 401. False if it is not onboarded (or CAPIF is off).
     */
    public boolean revokeInvoker(String apiInvokerId) {
        return verticle.capif != null && verticle.capif.revoke(apiInvokerId);
    }

    /** PEM of the CA that signs the invoker certificates; null unless CAPIF is enabled. */
    public String capifCaCertificatePem() {
        return verticle.capif == null ? null : verticle.capif.caCertificatePem();
    }

    /** The port actually bound. */
    public int port() {
        return verticle.port();
    }

    /** Stops the server and all session timers; no notifications are sent after this completes. */
    public Future<Void> close() {
        return vertx.undeploy(deploymentId);
    }

    /** The options in force (a copy of what was given to {@link #start}). */
    public EmulatorOptions options() {
        return options.copy();
    }

    /** Capacity per cell, live subscriptions and notification counters, as {@code GET /emulator/v1/state}. */
    public EmulatorState state() {
        return verticle.state();
    }

    /** Number of live subscriptions over all scsAsIds. */
    public int liveSubscriptionCount() {
        return verticle.registry.count(T8Face.INSTANCE);
    }

    /** The live subscriptions of an AF, as the list operation would return them (copies). */
    public List<ObjectNode> liveSubscriptions(String scsAsId) {
        return verticle.registry.list(T8Face.INSTANCE, scsAsId).stream().map(s -> s.resource().deepCopy()).toList();
    }

    /**
     * The PCF's application sessions (AppSessionContext as GET answers it, copies), including
     * those the PCF ended that the AF has not deleted yet.
     */
    public List<ObjectNode> appSessions() {
        return verticle.registry.list(verticle.pcfFace, AppSessionService.OWNER).stream()
                .map(s -> s.resource().deepCopy()).toList();
    }

    /** The URIs of the PCF's application sessions (what {@code Location} named), in creation order. */
    public List<String> appSessionUris() {
        return verticle.registry.list(verticle.pcfFace, AppSessionService.OWNER).stream().map(s -> s.self).toList();
    }

    /** The PCF's application sessions still live (not ended by the PCF, not deleted), by their URI (copies). */
    public java.util.Map<String, ObjectNode> liveAppSessionsByUri() {
        java.util.Map<String, ObjectNode> live = new java.util.LinkedHashMap<>();
        verticle.registry.list(verticle.pcfFace, AppSessionService.OWNER).stream().filter(Session::live)
                .forEach(s -> live.put(s.self, s.resource().deepCopy()));
        return live;
    }

    /** Number of the PCF's application sessions still live (not ended by the PCF, not deleted). */
    public int liveAppSessionCount() {
        return (int) verticle.registry.list(verticle.pcfFace, AppSessionService.OWNER).stream().filter(Session::live).count();
    }

    /** GBR reserved over all cells. */
    public BitRate capacityInUse() {
        return verticle.capacity.totalInUse();
    }

    /** GBR reserved in one cell (0-based). */
    public BitRate capacityInUse(int cell) {
        return verticle.capacity.inUse(cell);
    }

    /**
     * The cell a UE is mapped to. {@code ueAddress} is what the AF sends as {@code ueIpv4Addr},
     * {@code ueIpv6Addr} or {@code macAddr} (an IPv4 address with an ipDomain is not covered).
     */
    public int cellOf(String ueAddress) {
        return verticle.capacity.cellOf(ueKey(ueAddress));
    }

    /** The most downlink GBR a new subscription for this UE could get now. */
    public BitRate grantableFor(String ueAddress) {
        return BitRate.ofBitsPerSecond(verticle.capacity.availableBps(ueKey(ueAddress), ""));
    }

    /** The faults in force. */
    public FaultOptions faults() {
        return verticle.faults.current();
    }

    /** Replaces the faults in force (as {@code PUT /emulator/v1/faults}). */
    public void setFaults(FaultOptions faults) {
        verticle.faults.apply(faults);
    }

    /** No faults any more (as {@code DELETE /emulator/v1/faults}). */
    public void clearFaults() {
        verticle.faults.clear();
    }

    private static String ueKey(String ueAddress) {
        if (ueAddress.matches("^([0-9a-fA-F]{2})((-[0-9a-fA-F]{2}){5})$")) {
            return "mac:" + ueAddress.toLowerCase(Locale.ROOT);
        }
        if (ueAddress.contains(":")) {
            return "ipv6:" + SemanticChecks.normalizeIpv6(ueAddress);
        }
        return "ipv4:" + ueAddress;
    }
}
