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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One API of the project's contract (classpath {@code openapi/3gpp/*.yaml} of the modelqos-openapi
 * jar) made digestible for the Vert.x 5.0 OpenAPI validator: T8 AsSessionWithQoS, and for N5
 * Npcf_PolicyAuthorization, Nbsf_Management and Nnrf_NFDiscovery ({@link Api}). The NRF's token
 * endpoint takes a form body, which the Vert.x validator does not read; {@link TokenEndpoint}
 * checks it.
 *
 * <p>Vert.x 5.0 cannot take these files as they are, so the contract is adapted in memory; the
 * schemas themselves (types, patterns, ranges, required lists, enumerations) are untouched:
 * <ol>
 *   <li>The files the root reaches are merged into one document: as "additional contract files" Vert.x
 *       resolves each $ref by inlining the whole referenced file, which recurses forever on the
 *       mutual references between TS29514_Npcf_PolicyAuthorization and TS29122_CommonData. A
 *       schema {@code X} of {@code TS29571_CommonData.yaml} becomes {@code TS29571_CommonData__X}.
 *       The siblings' own security schemes are left out.</li>
 *   <li>The server URL {@code {apiRoot}/...} becomes a concrete URL (server variables are
 *       unsupported); the tokenUrl ({@code '{tokenUrl}'}, {@code '{nrfApiRoot}/oauth2/token'})
 *       becomes {@code /oauth2/token} (the OpenAPI meta-schema rejects it as a URI reference).</li>
 *   <li>{@code application/problem+json} and {@code application/merge-patch+json} are renamed
 *       {@code application/json} (unsupported media types); the PATCH routes check the real
 *       Content-Type themselves.</li>
 *   <li>Query parameters with {@code content: application/json} (unsupported: T8 {@code ip-addrs},
 *       BSF {@code snssai}, NRF {@code snssais}) are removed from the contract and validated by
 *       {@link RequestValidation} against their schema instead.</li>
 *   <li>Response headers are dropped: Vert.x requires a {@code type} on each, which the TS 29.514
 *       {@code Retry-After} (anyOf integer, string) has not, and only requests are validated.</li>
 *   <li>A parameter whose schema is an extensible enumeration (no type) gets {@code type: string},
 *       which Vert.x requires and which accepts the same values.</li>
 * </ol>
 */
final class ApiContract {

    /** The APIs the emulator validates requests of. */
    enum Api {
        T8("TS29122_AsSessionWithQoS.yaml", "/3gpp-as-session-with-qos/v1", "/{scsAsId}/subscriptions", "ip-addrs"),
        PCF("TS29514_Npcf_PolicyAuthorization.yaml", "/npcf-policyauthorization/v1", null, null),
        BSF("TS29521_Nbsf_Management.yaml", "/nbsf-management/v1", "/pcfBindings", "snssai"),
        NRF_DISCOVERY("TS29510_Nnrf_NFDiscovery.yaml", "/nnrf-disc/v1", "/nf-instances", "snssais");

        final String rootFile;
        final String basePath;
        /** The GET path whose JSON-content query parameter {@link #contentParameter} is checked by hand. */
        final String contentParameterPath;
        final String contentParameter;

        Api(String rootFile, String basePath, String contentParameterPath, String contentParameter) {
            this.rootFile = rootFile;
            this.basePath = basePath;
            this.contentParameterPath = contentParameterPath;
            this.contentParameter = contentParameter;
        }
    }

    /** Base path of the AsSessionWithQoS API. */
    static final String BASE_PATH = Api.T8.basePath;
    static final String RESOURCE_DIR = "openapi/3gpp/";

    private static final Map<Api, JsonObject> BUNDLED = new EnumMap<>(Api.class);
    private static final String LOCAL_MAP = "io.modelqos.nef.emulator.ApiContract";

    /** Keeps the contract of a Vert.x instance in its local shared data (dropped when it closes). */
    private record Loaded(Future<ApiContract> contract) implements io.vertx.core.shareddata.Shareable {
    }

    private final Api api;
    private final OpenAPIContract contract;
    private final RequestValidator requestValidator;

    private ApiContract(Vertx vertx, Api api, OpenAPIContract contract) {
        this.api = api;
        this.contract = contract;
        this.requestValidator = RequestValidator.create(vertx, contract);
    }

    /** The T8 contract ({@link #load(Vertx, Api)} with {@link Api#T8}). */
    static Future<ApiContract> load(Vertx vertx) {
        return load(vertx, Api.T8);
    }

    /**
     * Loads the contract of {@code api}: the YAML is parsed once per JVM (on a worker thread), the
     * Vert.x contract built once per Vert.x instance.
     */
    static Future<ApiContract> load(Vertx vertx, Api api) {
        io.vertx.core.shareddata.LocalMap<String, Loaded> map = vertx.sharedData().getLocalMap(LOCAL_MAP);
        synchronized (ApiContract.class) {
            Loaded cached = map.get(api.name());
            if (cached != null && !cached.contract().failed()) {
                return cached.contract();
            }
            Future<ApiContract> loading = vertx.executeBlocking(() -> bundledContract(api), false)
                    .compose(json -> OpenAPIContract.from(vertx, json.copy()))
                    .map(c -> new ApiContract(vertx, api, c));
            map.put(api.name(), new Loaded(loading));
            return loading;
        }
    }

    Api api() {
        return api;
    }

    OpenAPIContract contract() {
        return contract;
    }

    RequestValidator requestValidator() {
        return requestValidator;
    }

    /** The members of AsSessionWithQoSSubscriptionPatch: what a T8 PATCH may touch. */
    Set<String> patchableAttributes() {
        return schemaProperties("AsSessionWithQoSSubscriptionPatch");
    }

    /** The property names of a schema of this contract, e.g. "AppSessionContextUpdateData". */
    Set<String> schemaProperties(String schemaName) {
        return new TreeSet<>(contract.getRawContract().getJsonObject("components").getJsonObject("schemas")
                .getJsonObject(schemaName).getJsonObject("properties").fieldNames());
    }

    /** A validator for a schema of the contract, e.g. "UserPlaneNotificationData" or "TS29571_CommonData__IpAddr". */
    Validator schemaValidator(String schemaName) {
        return contract.getSchemaRepository().validator("app:///#/components/schemas/" + schemaName);
    }

    /** Validates one element of the T8 {@code ip-addrs} query parameter (TS 29.571 IpAddr). */
    Validator ipAddrValidator() {
        return schemaValidator("TS29571_CommonData__IpAddr");
    }

    /** Validates a TS 29.571 Snssai (BSF {@code snssai}, NRF {@code snssais} elements). */
    Validator snssaiValidator() {
        return schemaValidator("TS29571_CommonData__Snssai");
    }

    /** Validates a JSON value against a schema of the contract; the output unit says why not. */
    OutputUnit validate(String schemaName, Object json) {
        return schemaValidator(schemaName).validate(json);
    }

    private static JsonObject bundledContract(Api api) {
        synchronized (BUNDLED) {
            return BUNDLED.computeIfAbsent(api, ApiContract::bundle);
        }
    }

    private static JsonObject bundle(Api api) {
        Map<String, JsonObject> docs = reachedFiles(api.rootFile);
        JsonObject root = docs.get(api.rootFile);
        rewriteRefs(root, api, api.rootFile);
        JsonObject components = root.getJsonObject("components");
        for (Map.Entry<String, JsonObject> entry : docs.entrySet()) {
            String file = entry.getKey();
            if (file.equals(api.rootFile)) {
                continue;
            }
            JsonObject doc = entry.getValue();
            rewriteRefs(doc, api, file);
            JsonObject parts = doc.getJsonObject("components", new JsonObject());
            for (String section : parts.fieldNames()) {
                if ("securitySchemes".equals(section)) {
                    continue; // the sibling APIs' own schemes; the root's operations use the root's
                }
                JsonObject target = components.getJsonObject(section);
                if (target == null) {
                    target = new JsonObject();
                    components.put(section, target);
                }
                JsonObject entries = parts.getJsonObject(section);
                for (String name : entries.fieldNames()) {
                    target.put(prefix(api, file) + name, entries.getValue(name));
                }
            }
        }
        root.put("servers", new JsonArray().add(new JsonObject().put("url", "http://127.0.0.1" + api.basePath)));
        components.getJsonObject("securitySchemes").getJsonObject("oAuth2ClientCredentials")
                .getJsonObject("flows").getJsonObject("clientCredentials").put("tokenUrl", "/oauth2/token");
        renameMediaTypes(root.getJsonObject("paths"));
        renameMediaTypes(components.getJsonObject("responses"));
        dropResponseHeaders(root.getJsonObject("paths"));
        typeParameters(root.getJsonObject("paths"), components.getJsonObject("schemas"));
        if (api.contentParameter != null) {
            JsonObject get = root.getJsonObject("paths").getJsonObject(api.contentParameterPath).getJsonObject("get");
            JsonArray kept = new JsonArray();
            for (Object p : get.getJsonArray("parameters")) {
                if (!api.contentParameter.equals(((JsonObject) p).getString("name"))) {
                    kept.add(p);
                }
            }
            get.put("parameters", kept);
        }
        return root;
    }

    /** The root file and every file its $refs reach, directly or through each other. */
    private static Map<String, JsonObject> reachedFiles(String rootFile) {
        Map<String, JsonObject> docs = new java.util.LinkedHashMap<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(rootFile));
        while (!todo.isEmpty()) {
            String file = todo.pop();
            if (docs.containsKey(file)) {
                continue;
            }
            JsonObject doc = read(file);
            docs.put(file, doc);
            Set<String> referenced = new TreeSet<>();
            collectFileRefs(doc, referenced);
            todo.addAll(referenced);
        }
        return docs;
    }

    private static void collectFileRefs(Object node, Set<String> files) {
        if (node instanceof JsonObject obj) {
            for (String key : obj.fieldNames()) {
                Object value = obj.getValue(key);
                if ("$ref".equals(key) && value instanceof String ref && ref.indexOf('#') > 0) {
                    files.add(ref.substring(0, ref.indexOf('#')));
                } else {
                    collectFileRefs(value, files);
                }
            }
        } else if (node instanceof JsonArray array) {
            for (Object value : array) {
                collectFileRefs(value, files);
            }
        }
    }

    private static JsonObject read(String file) {
        String resource = RESOURCE_DIR + file;
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(resource)) {
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

    private static String prefix(Api api, String file) {
        return api.rootFile.equals(file) ? "" : file.substring(0, file.length() - ".yaml".length()) + "__";
    }

    /** "File.yaml#/components/schemas/X" and "#/components/schemas/X" (inside File) -> "#/components/schemas/File__X". */
    private static void rewriteRefs(Object node, Api api, String file) {
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
                    obj.put(key, "#/components/" + pointer[2] + "/" + prefix(api, target) + pointer[3]);
                } else {
                    rewriteRefs(value, api, file);
                }
            }
        } else if (node instanceof JsonArray array) {
            for (Object value : array) {
                rewriteRefs(value, api, file);
            }
        }
    }

    /**
     * Gives a parameter whose schema is an extensible enumeration (anyOf string enum, string; no
     * type of its own, e.g. NRF target-nf-type: NFType, service-names: ServiceName items) the type
     * {@code string}, which Vert.x requires and which accepts exactly the same values.
     */
    private static void typeParameters(JsonObject paths, JsonObject schemas) {
        for (String path : paths.fieldNames()) {
            for (Object op : paths.getJsonObject(path)) {
                if (!(((Map.Entry<?, ?>) op).getValue() instanceof JsonObject operation)) {
                    continue;
                }
                JsonArray parameters = operation.getJsonArray("parameters");
                if (parameters == null) {
                    continue;
                }
                for (Object p : parameters) {
                    JsonObject schema = ((JsonObject) p).getJsonObject("schema");
                    if (schema == null) {
                        continue;
                    }
                    if (isStringChoice(schema, schemas)) {
                        ((JsonObject) p).put("schema", new JsonObject().put("type", "string"));
                    } else if ("array".equals(schema.getString("type")) && schema.getValue("items") instanceof JsonObject items
                            && isStringChoice(items, schemas)) {
                        schema.put("items", new JsonObject().put("type", "string"));
                    }
                }
            }
        }
    }

    /** No type, and an anyOf whose branches are all strings (following a $ref into the schemas). */
    private static boolean isStringChoice(JsonObject schema, JsonObject schemas) {
        JsonObject s = schema;
        String ref = s.getString("$ref");
        if (ref != null && ref.startsWith("#/components/schemas/")) {
            s = schemas.getJsonObject(ref.substring("#/components/schemas/".length()));
        }
        if (s == null || s.containsKey("type") || !(s.getValue("anyOf") instanceof JsonArray anyOf) || anyOf.isEmpty()) {
            return false;
        }
        for (Object branch : anyOf) {
            if (!(branch instanceof JsonObject b) || !"string".equals(b.getString("type"))) {
                return false;
            }
        }
        return true;
    }

    /** Removes the {@code headers} of every response (only requests are validated here). */
    private static void dropResponseHeaders(Object node) {
        if (node instanceof JsonObject obj) {
            JsonObject responses = obj.getJsonObject("responses");
            if (responses != null) {
                for (String code : responses.fieldNames()) {
                    if (responses.getValue(code) instanceof JsonObject response) {
                        response.remove("headers");
                    }
                }
            }
            for (String key : obj.fieldNames()) {
                dropResponseHeaders(obj.getValue(key));
            }
        } else if (node instanceof JsonArray array) {
            for (Object value : array) {
                dropResponseHeaders(value);
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
