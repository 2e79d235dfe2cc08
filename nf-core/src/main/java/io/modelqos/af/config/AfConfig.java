package io.modelqos.af.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelqos.af.events.WebhookOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The AF's whole configuration, as read by {@link ConfigLoader} from a file, the environment and flags.
 * Missing values take the documented defaults through the accessors ending in {@code OrDefault}.
 *
 * @param host              the address the HTTP server binds
 * @param port              the HTTP port (0 = any free port)
 * @param callbackBaseUri   the base URI at which the NEF reaches this AF's notification endpoint
 * @param dataDir           where the embedded store keeps its files
 * @param nef               the NEF connection
 * @param qosReferences     the operator's QoS references (a JSON/YAML list); null = the built-in demo catalogue
 * @param transportOverhead the factor from payload rate to GBR; null = the planner's documented default
 * @param setupAllowanceMs  the part of each latency budget kept for connection set-up
 * @param expiryMarginS     how long after the plan's qosDuration a delivery expires
 * @param allocationWaitMs  how long a create waits for the NEF's resource allocation report (default 500 ms)
 * @param webhook           event delivery to the AI/ML server
 * @param emulator          settings of the embedded NEF emulator (used only when {@code nef.apiRoot} is empty)
 * @param tls               TLS of the listeners and clients; null = plain HTTP everywhere
 * @param auth              who may call the northbound API and the callback endpoint; null = open (development)
 * @param limits            per-tenant rate limit and aggregate GBR cap; null = the defaults
 * @param store             where deliveries are kept ({@code mvstore} under {@code dataDir}, or {@code memory})
 * @param engine            how the delivery engine is spread over event loops; null = the defaults
 * @param startWindowMs     the start window of a delivery whose request names none: the time its model server has from
 *                          the grant to its first progress report, added to qosDuration; without a progress report in
 *                          it the session is released early (default 1000 ms; 0: no start window)
 * @param management        where {@code /health/*} and {@code /metrics} are served, and the token {@code /metrics}
 *                          wants; null = on the API listener, open
 * @param southbound        which network the AF asks for QoS: {@code nef} (TS 29.122 over Nnef/T8, the default) or
 *                          {@code pcf} (TS 29.514 over N5, as a trusted AF inside the operator's core)
 * @param pcf               how the AF reaches the PCF when {@code southbound.kind} is {@code pcf}
 * @param capif             the CAPIF core function through which the NEF is reached (then no {@code nef.apiRoot} nor
 *                          NEF credentials are configured: CAPIF gives them); null = none
 */
public record AfConfig(String host, Integer port, String callbackBaseUri, String dataDir, NefOptions nef,
                       JsonNode qosReferences, Double transportOverhead, Long setupAllowanceMs,
                       Long expiryMarginS, Long allocationWaitMs, WebhookOptions webhook, JsonNode emulator,
                       io.modelqos.af.security.TlsOptions tls, io.modelqos.af.security.AuthOptions auth,
                       io.modelqos.af.security.LimitsOptions limits, io.modelqos.af.store.StoreOptions store,
                       io.modelqos.af.engine.EngineOptions engine, Long startWindowMs,
                       ManagementOptions management, SouthboundOptions southbound, PcfOptions pcf,
                       CapifOptions capif) {

    /** Without a {@code capif} section. */
    public AfConfig(String host, Integer port, String callbackBaseUri, String dataDir, NefOptions nef,
                    JsonNode qosReferences, Double transportOverhead, Long setupAllowanceMs,
                    Long expiryMarginS, Long allocationWaitMs, WebhookOptions webhook, JsonNode emulator,
                    io.modelqos.af.security.TlsOptions tls, io.modelqos.af.security.AuthOptions auth,
                    io.modelqos.af.security.LimitsOptions limits, io.modelqos.af.store.StoreOptions store,
                    io.modelqos.af.engine.EngineOptions engine, Long startWindowMs,
                    ManagementOptions management, SouthboundOptions southbound, PcfOptions pcf) {
        this(host, port, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead, setupAllowanceMs,
                expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, engine, startWindowMs,
                management, southbound, pcf, null);
    }

    /** Towards the NEF (no {@code southbound} and {@code pcf} sections). */
    public AfConfig(String host, Integer port, String callbackBaseUri, String dataDir, NefOptions nef,
                    JsonNode qosReferences, Double transportOverhead, Long setupAllowanceMs,
                    Long expiryMarginS, Long allocationWaitMs, WebhookOptions webhook, JsonNode emulator,
                    io.modelqos.af.security.TlsOptions tls, io.modelqos.af.security.AuthOptions auth,
                    io.modelqos.af.security.LimitsOptions limits, io.modelqos.af.store.StoreOptions store,
                    io.modelqos.af.engine.EngineOptions engine, Long startWindowMs, ManagementOptions management) {
        this(host, port, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead, setupAllowanceMs,
                expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, engine, startWindowMs,
                management, null, null);
    }

    /** Without a {@code management} section (operations endpoints on the API listener, open). */
    public AfConfig(String host, Integer port, String callbackBaseUri, String dataDir, NefOptions nef,
                    JsonNode qosReferences, Double transportOverhead, Long setupAllowanceMs,
                    Long expiryMarginS, Long allocationWaitMs, WebhookOptions webhook, JsonNode emulator,
                    io.modelqos.af.security.TlsOptions tls, io.modelqos.af.security.AuthOptions auth,
                    io.modelqos.af.security.LimitsOptions limits, io.modelqos.af.store.StoreOptions store,
                    io.modelqos.af.engine.EngineOptions engine, Long startWindowMs) {
        this(host, port, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead, setupAllowanceMs,
                expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, engine, startWindowMs, null);
    }

    /** Without a start window setting (the default). */
    public AfConfig(String host, Integer port, String callbackBaseUri, String dataDir, NefOptions nef,
                    JsonNode qosReferences, Double transportOverhead, Long setupAllowanceMs,
                    Long expiryMarginS, Long allocationWaitMs, WebhookOptions webhook, JsonNode emulator,
                    io.modelqos.af.security.TlsOptions tls, io.modelqos.af.security.AuthOptions auth,
                    io.modelqos.af.security.LimitsOptions limits, io.modelqos.af.store.StoreOptions store,
                    io.modelqos.af.engine.EngineOptions engine) {
        this(host, port, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead, setupAllowanceMs,
                expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, engine, null);
    }

    /** Without an {@code engine} section (the defaults). */
    public AfConfig(String host, Integer port, String callbackBaseUri, String dataDir, NefOptions nef,
                    JsonNode qosReferences, Double transportOverhead, Long setupAllowanceMs,
                    Long expiryMarginS, Long allocationWaitMs, WebhookOptions webhook, JsonNode emulator,
                    io.modelqos.af.security.TlsOptions tls, io.modelqos.af.security.AuthOptions auth,
                    io.modelqos.af.security.LimitsOptions limits, io.modelqos.af.store.StoreOptions store) {
        this(host, port, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead, setupAllowanceMs,
                expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, null);
    }

    /** Without a {@code store} section (the defaults). */
    public AfConfig(String host, Integer port, String callbackBaseUri, String dataDir, NefOptions nef,
                    JsonNode qosReferences, Double transportOverhead, Long setupAllowanceMs,
                    Long expiryMarginS, Long allocationWaitMs, WebhookOptions webhook, JsonNode emulator,
                    io.modelqos.af.security.TlsOptions tls, io.modelqos.af.security.AuthOptions auth,
                    io.modelqos.af.security.LimitsOptions limits) {
        this(host, port, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead, setupAllowanceMs,
                expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, null, null);
    }

    public io.modelqos.af.engine.EngineOptions engineOrDefault() {
        return engine == null ? io.modelqos.af.engine.EngineOptions.DEFAULTS : engine;
    }

    public SouthboundOptions southboundOrDefault() {
        return southbound == null ? SouthboundOptions.NEF : southbound;
    }

    public CapifOptions capifOrDefault() {
        return capif == null ? CapifOptions.none() : capif;
    }

    /** Whether the NEF is reached through CAPIF: its apiRoot and tokens come from the CAPIF core function. */
    public boolean usesCapif() {
        return !usesPcf() && capifOrDefault().enabled();
    }

    /** Whether the AF runs the NEF emulator in its own process: no NEF, no CAPIF configured. */
    public boolean embeddedNef() {
        return !capifOrDefault().enabled() && nefOrDefault().embedded();
    }

    public PcfOptions pcfOrDefault() {
        return pcf == null ? PcfOptions.none() : pcf;
    }

    /** Whether the AF asks the PCF over N5 rather than the NEF. */
    public boolean usesPcf() {
        return southboundOrDefault().pcf();
    }

    public ManagementOptions managementOrDefault() {
        return management == null ? ManagementOptions.NONE : management;
    }

    public io.modelqos.af.store.StoreOptions storeOrDefault() {
        return store == null ? io.modelqos.af.store.StoreOptions.DEFAULTS : store;
    }

    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_EXPIRY_MARGIN_S = 30;
    /** The start window of a delivery whose request names none. */
    public static final long DEFAULT_START_WINDOW_MS = 1000;
    /** The longest start window (as the longest latency budget). */
    public static final long MAX_START_WINDOW_MS = 3_600_000;

    public String hostOrDefault() {
        return host == null || host.isBlank() ? "0.0.0.0" : host;
    }

    public int portOrDefault() {
        return port == null ? DEFAULT_PORT : port;
    }

    public Path dataDirOrDefault() {
        return Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir);
    }

    public NefOptions nefOrDefault() {
        return nef == null ? new NefOptions(null, null, null, null, null, null, null, null) : nef;
    }

    public WebhookOptions webhookOrDefault() {
        return (webhook == null ? WebhookOptions.DEFAULTS : webhook).withDefaults();
    }

    public long expiryMarginOrDefault() {
        return expiryMarginS == null ? DEFAULT_EXPIRY_MARGIN_S : expiryMarginS;
    }

    public long allocationWaitOrDefault() {
        return allocationWaitMs == null ? 500 : allocationWaitMs;
    }

    public io.modelqos.af.security.TlsOptions tlsOrDefault() {
        return tls == null ? io.modelqos.af.security.TlsOptions.NONE : tls;
    }

    public io.modelqos.af.security.AuthOptions authOrDefault() {
        return auth == null ? io.modelqos.af.security.AuthOptions.NONE : auth;
    }

    public io.modelqos.af.security.LimitsOptions limitsOrDefault() {
        return limits == null ? io.modelqos.af.security.LimitsOptions.DEFAULTS : limits;
    }

    public long startWindowOrDefault() {
        return startWindowMs == null ? DEFAULT_START_WINDOW_MS : startWindowMs;
    }

    public long setupAllowanceOrDefault() {
        return setupAllowanceMs == null ? 0 : setupAllowanceMs;
    }

    /** The callback base the NEF is told, given the port the server actually bound. */
    public URI callbackBaseFor(int boundPort) {
        if (callbackBaseUri != null && !callbackBaseUri.isBlank()) {
            return URI.create(callbackBaseUri.endsWith("/") ? callbackBaseUri.substring(0, callbackBaseUri.length() - 1) : callbackBaseUri);
        }
        String h = hostOrDefault();
        if (h.equals("0.0.0.0") || h.equals("::")) {
            h = "127.0.0.1";
        }
        return URI.create("http://" + h + ":" + boundPort);
    }

    public AfConfig withPort(int newPort) {
        return new AfConfig(host, newPort, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead,
                setupAllowanceMs, expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, engine, startWindowMs,
                management, southbound, pcf, capif);
    }

    public AfConfig withNef(NefOptions newNef) {
        return new AfConfig(host, port, callbackBaseUri, dataDir, newNef, qosReferences, transportOverhead,
                setupAllowanceMs, expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, engine, startWindowMs,
                management, southbound, pcf, capif);
    }

    public AfConfig withPcf(PcfOptions newPcf) {
        return new AfConfig(host, port, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead,
                setupAllowanceMs, expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, engine,
                startWindowMs, management, southbound, newPcf, capif);
    }

    public AfConfig withCapif(CapifOptions newCapif) {
        return new AfConfig(host, port, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead,
                setupAllowanceMs, expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, engine,
                startWindowMs, management, southbound, pcf, newCapif);
    }

    public AfConfig withTls(io.modelqos.af.security.TlsOptions newTls) {
        return new AfConfig(host, port, callbackBaseUri, dataDir, nef, qosReferences, transportOverhead,
                setupAllowanceMs, expiryMarginS, allocationWaitMs, webhook, emulator, newTls, auth, limits, store, engine, startWindowMs,
                management, southbound, pcf, capif);
    }

    public AfConfig withDataDir(String newDataDir) {
        return new AfConfig(host, port, callbackBaseUri, newDataDir, nef, qosReferences, transportOverhead,
                setupAllowanceMs, expiryMarginS, allocationWaitMs, webhook, emulator, tls, auth, limits, store, engine, startWindowMs,
                management, southbound, pcf, capif);
    }

    /** Every problem at once, so an operator fixes the file in one go. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (port != null && (port < 0 || port > 65535)) {
            problems.add("port: " + port + " is not a TCP port (0..65535)");
        }
        checkUri(problems, "callbackBaseUri", callbackBaseUri);
        NefOptions n = nefOrDefault();
        if (!n.embedded()) {
            checkUri(problems, "nef.apiRoot", n.apiRoot());
            if (n.scsAsId() == null || n.scsAsId().isBlank()) {
                problems.add("nef.scsAsId: required when nef.apiRoot is set (MODELQOS_SCS_AS_ID)");
            }
        }
        if (n.scsAsId() != null && !n.scsAsId().matches("[A-Za-z0-9._~-]{1,128}")) {
            problems.add("nef.scsAsId: '" + n.scsAsId() + "' must be 1-128 URI-safe characters");
        }
        if (n.timeoutMs() != null && (n.timeoutMs() < 10 || n.timeoutMs() > 120_000)) {
            problems.add("nef.timeoutMs: " + n.timeoutMs() + " must be within 10..120000");
        }
        if (n.readinessCheckMs() != null && (n.readinessCheckMs() < 0 || n.readinessCheckMs() > 600_000)) {
            problems.add("nef.readinessCheckMs: " + n.readinessCheckMs() + " must be within 0..600000");
        }
        if (n.retryBudgetMs() != null && n.retryBudgetMs() < 0) {
            problems.add("nef.retryBudgetMs: must not be negative");
        }
        if (n.supportedFeatures() != null && !n.supportedFeatures().matches("[A-Fa-f0-9]*")) {
            problems.add("nef.supportedFeatures: '" + n.supportedFeatures() + "' is not a hex bitmask");
        }
        if (n.tokenUrl() != null) {
            checkUri(problems, "nef.tokenUrl", n.tokenUrl());
            if (n.clientId() == null || n.clientSecret() == null) {
                problems.add("nef.clientId / nef.clientSecret: required with nef.tokenUrl");
            }
        }
        problems.addAll(NefAccessRules.problems(this));
        if (transportOverhead != null && (transportOverhead < 1.0 || transportOverhead > 2.0)) {
            problems.add("transportOverhead: " + transportOverhead + " must be within 1.0..2.0");
        }
        if (setupAllowanceMs != null && setupAllowanceMs < 0) {
            problems.add("setupAllowanceMs: must not be negative");
        }
        if (allocationWaitMs != null && (allocationWaitMs < 0 || allocationWaitMs > 30_000)) {
            problems.add("allocationWaitMs: " + allocationWaitMs + " must be within 0..30000");
        }
        if (startWindowMs != null && (startWindowMs < 0 || startWindowMs > MAX_START_WINDOW_MS)) {
            problems.add("startWindowMs: " + startWindowMs + " must be within 0.." + MAX_START_WINDOW_MS);
        }
        if (expiryMarginS != null && expiryMarginS < 0) {
            problems.add("expiryMarginS: must not be negative");
        }
        WebhookOptions w = webhookOrDefault();
        if (w.maxAttempts() < 1) {
            problems.add("webhook.maxAttempts: must be at least 1");
        }
        if (w.timeoutMs() < 1 || w.initialBackoffMs() < 1 || w.maxBackoffMs() < w.initialBackoffMs()) {
            problems.add("webhook: timeoutMs and initialBackoffMs must be positive and maxBackoffMs >= initialBackoffMs");
        }
        if (qosReferences != null && !qosReferences.isArray()) {
            problems.add("qosReferences: must be a list");
        }
        if (emulator != null && emulator.has("tls")) {
            // The embedded emulator listens on a loopback port of its own, trusted by nothing the AF is given.
            problems.add("emulator.tls: the embedded emulator serves plain HTTP; for a NEF over TLS run `modelqos"
                    + " nef-emulator --tls-cert FILE --tls-key FILE` and set nef.apiRoot and tls.nef.trustFile");
        }
        problems.addAll(tlsOrDefault().problems());
        problems.addAll(authOrDefault().problems());
        problems.addAll(limitsOrDefault().problems());
        problems.addAll(storeOrDefault().problems());
        problems.addAll(engineOrDefault().problems());
        managementProblems(problems);
        problems.addAll(southboundOrDefault().problems());
        problems.addAll(pcfOrDefault().problems());
        problems.addAll(NefAccessRules.capifProblems(this));
        return problems;
    }

    /** The management section's own problems and those it has with the listeners beside it. */
    private void managementProblems(List<String> problems) {
        ManagementOptions m = managementOrDefault();
        problems.addAll(m.problems());
        Integer own = m.port();
        if (own == null || own == 0) {
            return;
        }
        if (own == portOrDefault()) {
            problems.add("management.port: " + own + " is the API's port (port); the management listener needs a port"
                    + " of its own");
        }
        io.modelqos.af.security.TlsOptions t = tlsOrDefault();
        if (t.separateCallbackListener() && own.equals(t.callbacks().port())) {
            problems.add("management.port: " + own + " is the NEF callbacks' port (tls.callbacks.port)");
        }
        if (Boolean.TRUE.equals(m.tls()) && t.serverOrNull() == null) {
            problems.add("management.tls: true needs a certificate (tls.server certFile/keyFile)");
        }
    }

    private static void checkUri(List<String> problems, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add(name + ": '" + value + "' must be an absolute http(s) URI");
            }
        } catch (IllegalArgumentException e) {
            problems.add(name + ": '" + value + "' is not a URI (" + e.getMessage() + ")");
        }
    }
}
