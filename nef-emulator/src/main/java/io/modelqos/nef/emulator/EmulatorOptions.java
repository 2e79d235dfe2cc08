package io.modelqos.nef.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelqos.qos.SupportedFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the NEF emulator can be told, buildable from code and from JSON or YAML. Every member
 * has a default; a JSON file needs only what it changes, and an unknown member is an error.
 *
 * <pre>{@code
 * EmulatorOptions options = new EmulatorOptions().setPort(0);
 * options.getCapacity().setCells(1);
 * EmulatorOptions fromFile = EmulatorOptions.fromFile(Path.of("nef.yaml"));
 * }</pre>
 *
 * JSON form (all members optional):
 * <pre>{@code
 * {"host": "127.0.0.1", "port": 8081, "apiRoot": null, "seed": 1,
 *  "supportedFeatures": "830", "enforceFeatureNegotiation": true, "deleteReturnsReport": true,
 *  "capacity": {"cells": 4, "cellGbrDl": "2 Gbps", "ueGbrDl": "1.5 Gbps", "rejectRetryAfterSeconds": null},
 *  "qosReferences": [{"name": "mq-gbr-500M", "fiveQi": 130, "gbrDl": "500 Mbps", "gbrUl": "10 Mbps",
 *                     "pdbMs": 20, "per": "1E-6", "averagingWindowMs": 2000}],
 *  "notifications": {"allocationDelayMs": 20, "monitoringPeriodMs": 200, "rateNoise": 0.02,
 *                    "maxAttempts": 4, "initialBackoffMs": 50, "maxBackoffMs": 1000, "requestTimeoutMs": 2000},
 *  "faults": { see FaultOptions },
 *  "oauth2": {"enabled": false, "tokenTtlSeconds": 3600, "clients": [{"clientId": "af", "clientSecret": "..."}],
 *             "nfConsumers": []},
 *  "n5": { see N5Options },
 *  "capif": {"enabled": false, "onboardingTokens": ["modelqos-dev-onboarding-token"], "tokenTtlSeconds": 3600,
 *            "certificateValidityHours": 24},
 *  "tls": {"certFile": null, "keyFile": null}}
 * }</pre>
 */
public class EmulatorOptions {

    /** Supported features by default: AlternativeQoS_5G (5), QoSMonitoring_5G (6), AltQosWithIndParams_5G (12). */
    public static final String DEFAULT_SUPPORTED_FEATURES = "830";

    private static final ObjectMapper JSON = strict(JsonMapper.builder().build());
    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));

    private String host = "127.0.0.1";
    private int port;
    private String apiRoot;
    private long seed = 1;
    private String supportedFeatures = DEFAULT_SUPPORTED_FEATURES;
    private boolean enforceFeatureNegotiation = true;
    private boolean deleteReturnsReport = true;
    private CapacityOptions capacity = new CapacityOptions();
    private List<CatalogueEntry> qosReferences = new ArrayList<>(CatalogueEntry.defaultCatalogue());
    private NotificationOptions notifications = new NotificationOptions();
    private FaultOptions faults = FaultOptions.none();
    private OAuth2Options oauth2 = new OAuth2Options();
    private N5Options n5 = new N5Options();
    private CapifOptions capif = new CapifOptions();
    private TlsOptions tls = new TlsOptions();

    /** Reads JSON options. */
    public static EmulatorOptions fromJson(String json) {
        try {
            return JSON.readValue(json, EmulatorOptions.class).validated();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid emulator options: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a {@code .json}, {@code .yaml} or {@code .yml} file. */
    public static EmulatorOptions fromFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        try {
            return mapper.readValue(Files.readString(file), EmulatorOptions.class).validated();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid emulator options in " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The JSON form (client secrets included: this is the configuration itself). */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A deep copy, so that changing these options later does not change a running emulator. */
    public EmulatorOptions copy() {
        try {
            return JSON.readValue(JSON.writeValueAsString(this), EmulatorOptions.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("options do not round-trip through JSON", e);
        }
    }

    /** Checks what the setters cannot check alone; returns this. */
    public EmulatorOptions validated() {
        if (qosReferences.isEmpty()) {
            throw new IllegalArgumentException("qosReferences must not be empty");
        }
        Set<String> names = new HashSet<>();
        for (CatalogueEntry ref : qosReferences) {
            if (!names.add(ref.name())) {
                throw new IllegalArgumentException("duplicate QoS reference " + ref.name());
            }
        }
        if (apiRoot != null && !apiRoot.matches("^https?://[^/]+$")) {
            throw new IllegalArgumentException("apiRoot must be scheme://host[:port] without a path: " + apiRoot);
        }
        tls.validate();
        if (tls.isEnabled() && apiRoot != null && apiRoot.startsWith("http://")) {
            throw new IllegalArgumentException("apiRoot " + apiRoot + " says http, but with tls the emulator serves https only");
        }
        return this;
    }

    /** The mapper used for options and fault JSON: strict about unknown members. */
    static ObjectMapper json() {
        return JSON;
    }

    /** Strict about unknown members; rates read and written as the emulated network does ({@link Rates}). */
    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.registerModule(Rates.jacksonModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    public String getHost() {
        return host;
    }

    /** Interface to bind (default 127.0.0.1). */
    public EmulatorOptions setHost(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    public int getPort() {
        return port;
    }

    /** TCP port; 0 (the default) picks a free one, see {@link NefEmulator#port()}. */
    public EmulatorOptions setPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        return this;
    }

    public String getApiRoot() {
        return apiRoot;
    }

    /**
     * The apiRoot written into {@code Location} and {@code self}; {@code http://host:port} of the
     * listening socket when absent ({@code https://} with {@link #getTls() tls}). Set it when the AF
     * reaches the emulator through another name.
     */
    public EmulatorOptions setApiRoot(String apiRoot) {
        this.apiRoot = apiRoot;
        return this;
    }

    public long getSeed() {
        return seed;
    }

    /** Seed of every random choice (faults, noise, episodes), default 1. */
    public EmulatorOptions setSeed(long seed) {
        this.seed = seed;
        return this;
    }

    public String getSupportedFeatures() {
        return supportedFeatures;
    }

    /** The features the emulator supports (hex bitmask, default "830" = features 5, 6, 12). */
    public EmulatorOptions setSupportedFeatures(String supportedFeatures) {
        if (!SupportedFeatures.isValid(supportedFeatures)) {
            throw new IllegalArgumentException("supportedFeatures must be a hex string: " + supportedFeatures);
        }
        this.supportedFeatures = supportedFeatures;
        return this;
    }

    public boolean isEnforceFeatureNegotiation() {
        return enforceFeatureNegotiation;
    }

    /**
     * When true (default), {@code altQoSReferences} count only if AlternativeQoS_5G (5) was
     * negotiated and {@code altQosReqs} only if AltQosWithIndParams_5G (12) was, as a real NEF
     * would; when false they always count.
     */
    public EmulatorOptions setEnforceFeatureNegotiation(boolean enforce) {
        this.enforceFeatureNegotiation = enforce;
        return this;
    }

    public boolean isDeleteReturnsReport() {
        return deleteReturnsReport;
    }

    /** DELETE answers 200 with the final UserPlaneNotificationData (default) or 204 when false. */
    public EmulatorOptions setDeleteReturnsReport(boolean deleteReturnsReport) {
        this.deleteReturnsReport = deleteReturnsReport;
        return this;
    }

    public CapacityOptions getCapacity() {
        return capacity;
    }

    public EmulatorOptions setCapacity(CapacityOptions capacity) {
        this.capacity = Objects.requireNonNull(capacity, "capacity");
        return this;
    }

    public List<CatalogueEntry> getQosReferences() {
        return qosReferences;
    }

    /** The catalogue of QoS references (default {@link CatalogueEntry#defaultCatalogue()}). */
    public EmulatorOptions setQosReferences(List<CatalogueEntry> qosReferences) {
        this.qosReferences = new ArrayList<>(Objects.requireNonNull(qosReferences, "qosReferences"));
        return this;
    }

    public NotificationOptions getNotifications() {
        return notifications;
    }

    public EmulatorOptions setNotifications(NotificationOptions notifications) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        return this;
    }

    public FaultOptions getFaults() {
        return faults;
    }

    /** The faults active from the start (none by default); changeable at run time. */
    public EmulatorOptions setFaults(FaultOptions faults) {
        this.faults = faults == null ? FaultOptions.none() : faults;
        return this;
    }

    public OAuth2Options getOauth2() {
        return oauth2;
    }

    public EmulatorOptions setOauth2(OAuth2Options oauth2) {
        this.oauth2 = Objects.requireNonNull(oauth2, "oauth2");
        return this;
    }

    public CapifOptions getCapif() {
        return capif;
    }

    public EmulatorOptions setCapif(CapifOptions capif) {
        this.capif = Objects.requireNonNull(capif, "capif");
        return this;
    }

    public TlsOptions getTls() {
        return tls;
    }

    /** HTTPS on the emulator's port (plain HTTP by default). */
    public EmulatorOptions setTls(TlsOptions tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        return this;
    }

    public N5Options getN5() {
        return n5;
    }

    public EmulatorOptions setN5(N5Options n5) {
        this.n5 = Objects.requireNonNull(n5, "n5");
        return this;
    }
}
