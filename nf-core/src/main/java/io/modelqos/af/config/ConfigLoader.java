package io.modelqos.af.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the AF configuration in layers, each overriding the one before: a YAML or JSON file, the
 * {@code MODELQOS_*} environment variables, then command-line settings. The result is validated as a whole.
 *
 * <p>A secret may come from a file: {@code MODELQOS_NEF_CLIENT_SECRET_FILE=/run/secrets/nef}, read once at start. The
 * NEF's static token file ({@code MODELQOS_NEF_TOKEN_FILE}) is not one of these: it is read again when it changes.
 */
public final class ConfigLoader {

    /** Environment variable to dotted configuration key. */
    static final Map<String, String> ENVIRONMENT_KEYS = new LinkedHashMap<>();

    static {
        ENVIRONMENT_KEYS.put("MODELQOS_HOST", "host");
        ENVIRONMENT_KEYS.put("MODELQOS_PORT", "port");
        ENVIRONMENT_KEYS.put("MODELQOS_CALLBACK_BASE_URI", "callbackBaseUri");
        ENVIRONMENT_KEYS.put("MODELQOS_DATA_DIR", "dataDir");
        ENVIRONMENT_KEYS.put("MODELQOS_NEF_API_ROOT", "nef.apiRoot");
        ENVIRONMENT_KEYS.put("MODELQOS_SCS_AS_ID", "nef.scsAsId");
        ENVIRONMENT_KEYS.put("MODELQOS_NEF_TIMEOUT_MS", "nef.timeoutMs");
        ENVIRONMENT_KEYS.put("MODELQOS_NEF_SUPPORTED_FEATURES", "nef.supportedFeatures");
        ENVIRONMENT_KEYS.put("MODELQOS_NEF_TOKEN_URL", "nef.tokenUrl");
        ENVIRONMENT_KEYS.put("MODELQOS_NEF_CLIENT_ID", "nef.clientId");
        ENVIRONMENT_KEYS.put("MODELQOS_NEF_CLIENT_SECRET", "nef.clientSecret");
        ENVIRONMENT_KEYS.put("MODELQOS_NEF_TOKEN", "nef.token");
        // The file's name, not its content: the AF reads it again whenever the operator rotates the token in it.
        ENVIRONMENT_KEYS.put("MODELQOS_NEF_TOKEN_FILE", "nef.tokenFile");
        ENVIRONMENT_KEYS.put("MODELQOS_CAPIF_ROOT", "capif.capifRoot");
        ENVIRONMENT_KEYS.put("MODELQOS_CAPIF_ONBOARDING_TOKEN", "capif.onboardingToken");
        // The file, not its content: it is read when the AF onboards, so an operator may replace an expired token.
        ENVIRONMENT_KEYS.put("MODELQOS_CAPIF_ONBOARDING_TOKEN_FILE", "capif.onboardingTokenFile");
        ENVIRONMENT_KEYS.put("MODELQOS_CAPIF_TRUST_FILE", "capif.trustFile");
        ENVIRONMENT_KEYS.put("MODELQOS_CAPIF_API_NAME", "capif.apiName");
        ENVIRONMENT_KEYS.put("MODELQOS_SOUTHBOUND", "southbound.kind");
        ENVIRONMENT_KEYS.put("MODELQOS_PCF_API_ROOT", "pcf.apiRoot");
        ENVIRONMENT_KEYS.put("MODELQOS_BSF_API_ROOT", "pcf.bsfApiRoot");
        ENVIRONMENT_KEYS.put("MODELQOS_NRF_API_ROOT", "pcf.nrfApiRoot");
        ENVIRONMENT_KEYS.put("MODELQOS_PCF_NF_INSTANCE_ID", "pcf.nfInstanceId");
        ENVIRONMENT_KEYS.put("MODELQOS_PCF_DNN", "pcf.dnn");
        ENVIRONMENT_KEYS.put("MODELQOS_PCF_SNSSAI", "pcf.snssai");
        ENVIRONMENT_KEYS.put("MODELQOS_TRANSPORT_OVERHEAD", "transportOverhead");
        ENVIRONMENT_KEYS.put("MODELQOS_EXPIRY_MARGIN_S", "expiryMarginS");
        ENVIRONMENT_KEYS.put("MODELQOS_START_WINDOW_MS", "startWindowMs");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_CERT_FILE", "tls.server.certFile");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_KEY_FILE", "tls.server.keyFile");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_CALLBACK_PORT", "tls.callbacks.port");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_CALLBACK_CERT_FILE", "tls.callbacks.certFile");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_CALLBACK_KEY_FILE", "tls.callbacks.keyFile");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_CALLBACK_CLIENT_CA_FILE", "tls.callbacks.clientCaFile");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_NEF_TRUST_FILE", "tls.nef.trustFile");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_NEF_CERT_FILE", "tls.nef.certFile");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_NEF_KEY_FILE", "tls.nef.keyFile");
        ENVIRONMENT_KEYS.put("MODELQOS_TLS_TRUST_FILE", "tls.clients.trustFile");
        ENVIRONMENT_KEYS.put("MODELQOS_API_KEYS", "auth.apiKeys");
        ENVIRONMENT_KEYS.put("MODELQOS_JWT_ISSUER", "auth.jwt.issuer");
        ENVIRONMENT_KEYS.put("MODELQOS_JWT_JWKS_URI", "auth.jwt.jwksUri");
        ENVIRONMENT_KEYS.put("MODELQOS_JWT_AUDIENCE", "auth.jwt.audience");
        ENVIRONMENT_KEYS.put("MODELQOS_JWT_TENANT_CLAIM", "auth.jwt.tenantClaim");
        ENVIRONMENT_KEYS.put("MODELQOS_CALLBACK_TOKEN", "auth.callbacks.bearerToken");
        ENVIRONMENT_KEYS.put("MODELQOS_CALLBACK_JWT_ISSUER", "auth.callbacks.jwt.issuer");
        ENVIRONMENT_KEYS.put("MODELQOS_CALLBACK_JWT_JWKS_URI", "auth.callbacks.jwt.jwksUri");
        ENVIRONMENT_KEYS.put("MODELQOS_CALLBACK_JWT_AUDIENCE", "auth.callbacks.jwt.audience");
        ENVIRONMENT_KEYS.put("MODELQOS_RATE_LIMIT_RPS", "limits.requestsPerSecond");
        ENVIRONMENT_KEYS.put("MODELQOS_RATE_LIMIT_BURST", "limits.burst");
        ENVIRONMENT_KEYS.put("MODELQOS_TENANT_GBR_CAP", "limits.tenantGbrCap");
        ENVIRONMENT_KEYS.put("MODELQOS_STORE_KIND", "store.kind");
        ENVIRONMENT_KEYS.put("MODELQOS_STORE_FSYNC", "store.fsync");
        ENVIRONMENT_KEYS.put("MODELQOS_STORE_URL", "store.postgres.url");
        ENVIRONMENT_KEYS.put("MODELQOS_STORE_USER", "store.postgres.user");
        ENVIRONMENT_KEYS.put("MODELQOS_STORE_PASSWORD", "store.postgres.password");
        ENVIRONMENT_KEYS.put("MODELQOS_STORE_SCHEMA", "store.postgres.schema");
        ENVIRONMENT_KEYS.put("MODELQOS_STORE_POOL_SIZE", "store.postgres.poolSize");
        ENVIRONMENT_KEYS.put("MODELQOS_REPLICA_ID", "store.postgres.replicaId");
        ENVIRONMENT_KEYS.put("MODELQOS_SHARDS", "engine.shards");
        ENVIRONMENT_KEYS.put("MODELQOS_MANAGEMENT_HOST", "management.host");
        ENVIRONMENT_KEYS.put("MODELQOS_MANAGEMENT_PORT", "management.port");
        ENVIRONMENT_KEYS.put("MODELQOS_MANAGEMENT_TLS", "management.tls");
        ENVIRONMENT_KEYS.put("MODELQOS_METRICS_TOKEN", "management.metricsToken");
        ENVIRONMENT_KEYS.put("MODELQOS_MAX_MONITORED_DELIVERIES", "engine.maxMonitoredDeliveries");
    }

    /**
     * Secrets read from a file named by an environment variable (e.g. a mounted Kubernetes or Docker secret); each wins
     * over the variable without {@code _FILE}. A file of API keys may hold one {@code tenant:key} per line.
     */
    static final Map<String, String> SECRET_FILES = new LinkedHashMap<>();

    static {
        SECRET_FILES.put("MODELQOS_NEF_CLIENT_SECRET_FILE", "nef.clientSecret");
        SECRET_FILES.put("MODELQOS_API_KEYS_FILE", "auth.apiKeys");
        SECRET_FILES.put("MODELQOS_CALLBACK_TOKEN_FILE", "auth.callbacks.bearerToken");
        SECRET_FILES.put("MODELQOS_STORE_PASSWORD_FILE", "store.postgres.password");
        SECRET_FILES.put("MODELQOS_METRICS_TOKEN_FILE", "management.metricsToken");
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigLoader() {
    }

    /**
     * @param file      the configuration file (YAML or JSON), or null
     * @param env       the environment (normally {@code System.getenv()})
     * @param overrides dotted keys to values, e.g. {@code port -> 8080}, from command-line flags
     */
    public static AfConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        List<String> problems = new ArrayList<>();
        ObjectNode tree = YAML.createObjectNode();
        if (file != null) {
            try {
                JsonNode fromFile = YAML.readTree(Files.readString(file));
                if (fromFile != null && !fromFile.isMissingNode() && !fromFile.isNull()) {
                    if (!fromFile.isObject()) {
                        throw new ConfigException(List.of(file + ": the top level must be a mapping"));
                    }
                    tree.setAll((ObjectNode) fromFile);
                }
            } catch (IOException e) {
                throw new ConfigException(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
            }
        }
        ENVIRONMENT_KEYS.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                put(tree, key, value);
            }
        });
        SECRET_FILES.forEach((variable, key) -> {
            String secretFile = env.get(variable);
            if (secretFile != null && !secretFile.isBlank()) {
                try {
                    put(tree, key, Files.readString(Path.of(secretFile)).strip());
                } catch (IOException e) {
                    problems.add(variable + ": cannot read " + secretFile);
                }
            }
        });
        overrides.forEach((key, value) -> {
            if (value != null) {
                put(tree, key, value);
            }
        });
        AfConfig config;
        try {
            config = YAML.treeToValue(tree, AfConfig.class);
        } catch (UnrecognizedPropertyException e) {
            problems.add(pathOf(e) + ": unknown setting");
            throw new ConfigException(problems);
        } catch (JsonProcessingException e) {
            problems.add(pathOf(e) + ": " + e.getOriginalMessage());
            throw new ConfigException(problems);
        }
        if (config == null) {
            config = new AfConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        problems.addAll(config.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(ref.getFieldName());
                } else {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        return "configuration";
    }

    /** Puts a string at a dotted key; Jackson coerces "8080" to an int where the record wants one. */
    private static void put(ObjectNode tree, String dottedKey, String value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }
}
