package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The project's TS 29.122 AsSessionWithQoS contract (classpath {@code openapi/3gpp/*.yaml} of the
 * modelqos-openapi jar), made digestible for the Vert.x 5.0 OpenAPI validator.
 *
 * <p>Vert.x 5.0 cannot take these files as they are, so the contract is adapted in memory; the
 * schemas themselves (types, patterns, ranges, required lists, enumerations) are untouched:
 * <ol>
 *   <li>The sibling files are merged into one document: as "additional contract files" Vert.x
 *       resolves each $ref by inlining the whole referenced file, which recurses forever on the
 *       mutual references between TS29514_Npcf_PolicyAuthorization and TS29122_CommonData. A
 *       schema {@code X} of {@code TS29571_CommonData.yaml} becomes {@code TS29571_CommonData__X}.</li>
 *   <li>The server URL {@code {apiRoot}/3gpp-as-session-with-qos/v1} becomes a concrete URL
 *       (server variables are unsupported); the tokenUrl {@code '{tokenUrl}'} becomes
 *       {@code /oauth2/token} (the OpenAPI meta-schema rejects it as a URI reference).</li>
 *   <li>{@code application/problem+json} and {@code application/merge-patch+json} are renamed
 *       {@code application/json} (unsupported media types); the PATCH route checks the real
 *       Content-Type itself.</li>
 *   <li>The {@code ip-addrs} query parameter ({@code content: application/json}, unsupported) is
 *       removed from the contract and validated by {@link #ipAddrValidator()} instead.</li>
 * </ol>
 */
final class T8Contract {

    static final String BASE_PATH = "/3gpp-as-session-with-qos/v1";
    static final String RESOURCE_DIR = "openapi/3gpp/";
    static final String ROOT_FILE = "TS29122_AsSessionWithQoS.yaml";
    static final List<String> SIBLING_FILES = List.of("TS29122_CommonData.yaml", "TS29571_CommonData.yaml",
            "TS29514_Npcf_PolicyAuthorization.yaml", "TS29512_Npcf_SMPolicyControl.yaml",
            // reached through TS 29.571 ProblemDetails (accessTokenError, accessTokenRequest)
            "TS29510_Nnrf_AccessToken.yaml", "TS29510_Nnrf_NFManagement.yaml",
            "TS29510_Nnrf_NFDiscovery.yaml", "TS29521_Nbsf_Management.yaml");

    private static volatile JsonObject bundled;
    private static final String LOCAL_MAP = "io.modelqos.nef.emulator.T8Contract";

    /** Keeps the contract of a Vert.x instance in its local shared data (dropped when it closes). */
    private record Loaded(Future<T8Contract> contract) implements io.vertx.core.shareddata.Shareable {
    }

    private final OpenAPIContract contract;
    private final RequestValidator requestValidator;
    private final Set<String> patchableAttributes;

    private T8Contract(Vertx vertx, OpenAPIContract contract) {
        this.contract = contract;
        this.requestValidator = RequestValidator.create(vertx, contract);
        this.patchableAttributes = new TreeSet<>(contract.getRawContract().getJsonObject("components")
                .getJsonObject("schemas").getJsonObject("AsSessionWithQoSSubscriptionPatch")
                .getJsonObject("properties").fieldNames());
    }

    /**
     * Loads the contract: the YAML is parsed once per JVM (on a worker thread), the Vert.x contract
     * built once per Vert.x instance.
     */
    static Future<T8Contract> load(Vertx vertx) {
        io.vertx.core.shareddata.LocalMap<String, Loaded> map = vertx.sharedData().getLocalMap(LOCAL_MAP);
        synchronized (T8Contract.class) {
            Loaded cached = map.get("contract");
            if (cached != null && !cached.contract().failed()) {
                return cached.contract();
            }
            Future<T8Contract> loading = vertx.executeBlocking(T8Contract::bundledContract, false)
                    .compose(json -> OpenAPIContract.from(vertx, json.copy()))
                    .map(c -> new T8Contract(vertx, c));
            map.put("contract", new Loaded(loading));
            return loading;
        }
    }

    OpenAPIContract contract() {
        return contract;
    }

    RequestValidator requestValidator() {
        return requestValidator;
    }

    /** The members of AsSessionWithQoSSubscriptionPatch: what a PATCH may touch. */
    Set<String> patchableAttributes() {
        return patchableAttributes;
    }

    /** A validator for a schema of the contract, e.g. "UserPlaneNotificationData" or "TS29571_CommonData__IpAddr". */
    Validator schemaValidator(String schemaName) {
        return contract.getSchemaRepository().validator("app:///#/components/schemas/" + schemaName);
    }

    /** Validates one element of the {@code ip-addrs} query parameter (TS 29.571 IpAddr). */
    Validator ipAddrValidator() {
        return schemaValidator("TS29571_CommonData__IpAddr");
    }

    /** Validates a JSON value against a schema of the contract; the output unit says why not. */
    OutputUnit validate(String schemaName, Object json) {
        return schemaValidator(schemaName).validate(json);
    }

    private static JsonObject bundledContract() {
        JsonObject b = bundled;
        if (b == null) {
            synchronized (T8Contract.class) {
                if (bundled == null) {
                    bundled = bundle();
                }
                b = bundled;
            }
        }
        return b;
    }

    private static JsonObject bundle() {
        JsonObject root = read(ROOT_FILE);
        rewriteRefs(root, ROOT_FILE);
        JsonObject components = root.getJsonObject("components");
        for (String file : SIBLING_FILES) {
            JsonObject doc = read(file);
            rewriteRefs(doc, file);
            JsonObject parts = doc.getJsonObject("components", new JsonObject());
            for (String section : parts.fieldNames()) {
                if ("securitySchemes".equals(section)) {
                    continue; // the sibling APIs' own schemes; the T8 operations use the root's
                }
                JsonObject target = components.getJsonObject(section);
                if (target == null) {
                    target = new JsonObject();
                    components.put(section, target);
                }
                JsonObject entries = parts.getJsonObject(section);
                for (String name : entries.fieldNames()) {
                    target.put(prefix(file) + name, entries.getValue(name));
                }
            }
        }
        root.put("servers", new JsonArray().add(new JsonObject().put("url", "http://127.0.0.1" + BASE_PATH)));
        components.getJsonObject("securitySchemes").getJsonObject("oAuth2ClientCredentials")
                .getJsonObject("flows").getJsonObject("clientCredentials").put("tokenUrl", "/oauth2/token");
        renameMediaTypes(root.getJsonObject("paths"));
        renameMediaTypes(components.getJsonObject("responses"));
        JsonArray listParams = root.getJsonObject("paths").getJsonObject("/{scsAsId}/subscriptions")
                .getJsonObject("get").getJsonArray("parameters");
        JsonArray kept = new JsonArray();
        for (Object p : listParams) {
            if (!"ip-addrs".equals(((JsonObject) p).getString("name"))) {
                kept.add(p);
            }
        }
        root.getJsonObject("paths").getJsonObject("/{scsAsId}/subscriptions").getJsonObject("get")
                .put("parameters", kept);
        return root;
    }

    private static JsonObject read(String file) {
        String resource = RESOURCE_DIR + file;
        try (InputStream in = T8Contract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource
                        + " not found: is modelqos-openapi on the classpath?");
            }
            Map<?, ?> yaml = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            return new JsonObject(new ObjectMapper().writeValueAsString(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String prefix(String file) {
        return ROOT_FILE.equals(file) ? "" : file.substring(0, file.length() - ".yaml".length()) + "__";
    }

    /** "File.yaml#/components/schemas/X" and "#/components/schemas/X" (inside File) -> "#/components/schemas/File__X". */
    private static void rewriteRefs(Object node, String file) {
        if (node instanceof JsonObject obj) {
            for (String key : new ArrayList<>(obj.fieldNames())) {
                Object value = obj.getValue(key);
                if ("$ref".equals(key) && value instanceof String ref) {
                    int hash = ref.indexOf('#');
                    String target = hash <= 0 ? file : ref.substring(0, hash);
                    String[] pointer = ref.substring(hash + 1).split("/");
                    if (pointer.length != 4 || !"components".equals(pointer[1])) {
                        throw new IllegalStateException("unexpected $ref in " + file + ": " + ref);
                    }
                    obj.put(key, "#/components/" + pointer[2] + "/" + prefix(target) + pointer[3]);
                } else {
                    rewriteRefs(value, file);
                }
            }
        } else if (node instanceof JsonArray array) {
            for (Object value : array) {
                rewriteRefs(value, file);
            }
        }
    }

    private static void renameMediaTypes(Object node) {
        if (node instanceof JsonObject obj) {
            for (String key : new ArrayList<>(obj.fieldNames())) {
                Object value = obj.getValue(key);
                if ("content".equals(key) && value instanceof JsonObject content) {
                    for (String type : List.of("application/problem+json", "application/merge-patch+json")) {
                        if (content.containsKey(type)) {
                            content.put("application/json", content.remove(type));
                        }
                    }
                } else {
                    renameMediaTypes(value);
                }
            }
        } else if (node instanceof JsonArray array) {
            for (Object value : array) {
                renameMediaTypes(value);
            }
        }
    }
}
