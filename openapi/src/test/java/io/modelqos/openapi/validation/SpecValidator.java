package io.modelqos.openapi.validation;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.request.CustomRequestValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Validates JSON values and whole HTTP exchanges of one API against a set of OpenAPI files: the
 * project's own files ({@link #project()}) or the official 3GPP Rel-18 files
 * ({@link #official(Path)}), which {@code $ref} each other by bare file name and must therefore
 * sit in one folder. The API is the AsSessionWithQoS API (TS 29.122, {@value #ROOT_FILE}) unless
 * another root file is named: the N5 APIs {@value #PCF_ROOT_FILE}, {@value #BSF_ROOT_FILE},
 * {@value #NRF_DISCOVERY_ROOT_FILE} and {@value #NRF_TOKEN_ROOT_FILE}
 * ({@link #project(String)}, {@link #official(Path, String)}).
 *
 * <p>Built on swagger-request-validator (com.atlassian.oai): the root file is parsed with
 * {@code resolve} and {@code resolveFully}. Published in the test-jar of modelqos-openapi so that
 * conformance tests can check recorded traffic; such a module needs
 * {@code com.atlassian.oai:swagger-request-validator-core} (test scope) itself.
 *
 * <p>What is checked:
 * <ul>
 *   <li>{@link #validateSchema}: a JSON value against a named schema of any file of the folder.</li>
 *   <li>{@link #validateRequest}, {@link #validateResponse}, {@link #validateExchange}: method,
 *       path (with path parameters), query parameters, headers (e.g. the required
 *       {@code Location} of a 201), {@code Content-Type} and body against the operations. The
 *       request URI may be absolute or a path; anything before the API's base path
 *       ({@code /3gpp-as-session-with-qos/v1}, i.e. the apiRoot) is ignored.</li>
 *   <li>{@link #validateCallback}, {@link #validateCallbackExchange}: a notification sent to
 *       the callback URI (e.g. {@code notificationDestination}) and the AF's answer, against the
 *       callback operation declared in the API. The target URI of a callback is not checked
 *       (it is whatever the subscriber gave).</li>
 * </ul>
 *
 * <p>Deliberate settings, each needed for a faithful reading of the 3GPP files:
 * <ul>
 *   <li>undeclared members are allowed (the library could inject {@code additionalProperties:
 *       false}); the 3GPP schemas allow them and the injection breaks {@code allOf};</li>
 *   <li>{@code allOf}/{@code anyOf}/{@code oneOf} are kept as written ({@code resolveCombinators}
 *       off), otherwise the {@code not: required} rules of media components are lost;</li>
 *   <li>TS 29.571 NullValue ({@code enum: [null]}, no type) accepts JSON null (the parser would
 *       otherwise type it as string and reject e.g. {@code "pduSetQos": null});</li>
 *   <li>query parameters declared with {@code content} ({@code ip-addrs}) are parsed as JSON
 *       and validated, which the library does not do by itself.</li>
 * </ul>
 * What the 3GPP files themselves do not constrain is not checked either, e.g. the text of
 * {@code ueIpv4Addr} (TS 29.122 Ipv4Addr has no pattern) or the IPFilterRule syntax of
 * {@code flowDescriptions}.
 *
 * <p>The files are read from a private copy of their folder (see {@code WorkingCopy}), so that
 * the validator can place its own small documents next to them.
 *
 * <p>Instances are immutable and may be shared between threads and tests; building one parses
 * the whole closure (about 1 to 3 s), so {@link #project()} and {@link #official(Path)} return one
 * cached instance per folder and JVM.
 */
public final class SpecValidator {

    /** Root file of the AsSessionWithQoS API, the same name in the project and official folders. */
    public static final String ROOT_FILE = "TS29122_AsSessionWithQoS.yaml";
    /** Root file of Npcf_PolicyAuthorization (N5, TS 29.514). */
    public static final String PCF_ROOT_FILE = "TS29514_Npcf_PolicyAuthorization.yaml";
    /** Root file of Nbsf_Management (TS 29.521). */
    public static final String BSF_ROOT_FILE = "TS29521_Nbsf_Management.yaml";
    /** Root file of Nnrf_NFDiscovery (TS 29.510). */
    public static final String NRF_DISCOVERY_ROOT_FILE = "TS29510_Nnrf_NFDiscovery.yaml";
    /** Root file of Nnrf_AccessToken, the NRF's /oauth2/token (TS 29.510). */
    public static final String NRF_TOKEN_ROOT_FILE = "TS29510_Nnrf_AccessToken.yaml";
    /** Root file of CAPIF API invoker management, {apiRoot}/api-invoker-management/v1 (TS 29.222). */
    public static final String CAPIF_INVOKER_ROOT_FILE = "TS29222_CAPIF_API_Invoker_Management_API.yaml";
    /** Root file of CAPIF discovery, {apiRoot}/service-apis/v1 (TS 29.222). */
    public static final String CAPIF_DISCOVER_ROOT_FILE = "TS29222_CAPIF_Discover_Service_API.yaml";
    /** Root file of CAPIF security, {apiRoot}/capif-security/v1 (TS 29.222). */
    public static final String CAPIF_SECURITY_ROOT_FILE = "TS29222_CAPIF_Security_API.yaml";
    /** Classpath folder of the project's own 3GPP files (in the main jar of modelqos-openapi). */
    public static final String PROJECT_RESOURCE_DIR = "openapi/3gpp";
    /** System property naming the folder of the official Rel-18 files; blank = not configured. */
    public static final String OFFICIAL_DIR_PROPERTY = "threegpp.spec.dir";

    private static final String API_ROOT_VARIABLE = "{apiRoot}";
    private static final String VALUE_KEY = "value";
    private static final Map<Path, SpecValidator> CACHE = new ConcurrentHashMap<>();

    /**
     * swagger-request-validator can inject {@code additionalProperties: false} into the schemas
     * to report undeclared members; it does not when this key is ignored. The 3GPP schemas allow
     * additional members (later releases add attributes; receivers ignore unknown ones), and the
     * injection would also break allOf compositions such as ProblemDetailsAsSessionWithQos.
     */
    private static final LevelResolver LEVELS = LevelResolver.create()
            .withLevel(SchemaValidator.ADDITIONAL_PROPERTIES_KEY, ValidationReport.Level.IGNORE)
            .build();

    private final String label;
    private final Path rootFile;
    private final OpenAPI api;
    private final String basePath;
    private final OpenApiInteractionValidator operations;
    private final OpenApiInteractionValidator callbacks;
    private final Map<String, NamedSchema> schemas = new ConcurrentHashMap<>();
    private final SchemaValidator rootSchemaValidator;
    private final MessageResolver messages = new MessageResolver(LEVELS);

    private SpecValidator(String label, Path rootFile) {
        this.label = label;
        this.rootFile = rootFile.toAbsolutePath().normalize();
        this.api = parse(this.rootFile.toUri().toString(), null);
        this.basePath = basePathOf(api);
        this.rootSchemaValidator = new SchemaValidator(api, messages);
        this.operations = OpenApiInteractionValidator.createFor(api)
                .withBasePathOverride(basePath)
                .withLevelResolver(LEVELS)
                .withCustomRequestValidation(new ContentQueryParameters(api, messages))
                .build();
        OpenAPI callbackApi = callbackApi(api);
        this.callbacks = OpenApiInteractionValidator.createFor(callbackApi)
                .withBasePathOverride("/")
                .withLevelResolver(LEVELS)
                .withCustomRequestValidation(new ContentQueryParameters(callbackApi, messages))
                .build();
    }

    // ------------------------------------------------------------------------------------------
    // Factories
    // ------------------------------------------------------------------------------------------

    /**
     * The project's own files, read from the classpath ({@value #PROJECT_RESOURCE_DIR}). One
     * shared instance per JVM.
     */
    public static SpecValidator project() {
        return project(ROOT_FILE);
    }

    /** The project's own files with {@code rootFile} as the API (e.g. {@value #PCF_ROOT_FILE}). */
    public static SpecValidator project(String rootFile) {
        return CACHE.computeIfAbsent(projectSpecDir().resolve(rootFile),
                root -> new SpecValidator("project", WorkingCopy.of(projectSpecDir()).resolve(rootFile)));
    }

    /**
     * The official files in {@code specDir} (e.g. {@code shared/3gpp/Rel-18}). One shared
     * instance per folder and JVM.
     */
    public static SpecValidator official(Path specDir) {
        return official(specDir, ROOT_FILE);
    }

    /**
     * The official files in {@code specDir} with {@code rootFile} as the API. TAB characters
     * (TS32291_Nchf_ConvergedCharging.yaml, which the Npcf_PolicyAuthorization closure reaches,
     * see shared/3gpp/README.md), which YAML parsers refuse, are read as two spaces.
     */
    public static SpecValidator official(Path specDir, String rootFile) {
        Path published = specDir.resolve(rootFile).toAbsolutePath().normalize();
        if (!Files.isRegularFile(published)) {
            throw new IllegalArgumentException("No " + rootFile + " in " + specDir.toAbsolutePath());
        }
        return CACHE.computeIfAbsent(published, r -> new SpecValidator("official", WorkingCopy.of(specDir).resolve(rootFile)));
    }

    /**
     * The official files named by the system property {@value #OFFICIAL_DIR_PROPERTY}, or empty
     * when the property is unset or blank.
     */
    public static Optional<SpecValidator> officialFromSystemProperty() {
        return officialSpecDir().map(SpecValidator::official);
    }

    /** Like {@link #officialFromSystemProperty()}, with {@code rootFile} as the API. */
    public static Optional<SpecValidator> officialFromSystemProperty(String rootFile) {
        return officialSpecDir().map(dir -> official(dir, rootFile));
    }

    /**
     * The folder named by {@value #OFFICIAL_DIR_PROPERTY}, or empty when unset or blank.
     *
     * <p>A relative path (CI passes {@code ../shared/3gpp/Rel-18}) is meant relative to the
     * directory Maven was started in, while Surefire runs the tests in the module directory: it
     * is resolved against the working directory and then its parents, taking the first folder
     * that holds {@value #ROOT_FILE}. If none does, the path is returned as given (resolved
     * against the working directory) and {@link #official(Path)} fails, so a wrong setting
     * fails the build instead of skipping the official checks.
     */
    public static Optional<Path> officialSpecDir() {
        String dir = System.getProperty(OFFICIAL_DIR_PROPERTY, "").trim();
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(dir);
        if (path.isAbsolute()) {
            return Optional.of(path);
        }
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve(path).normalize();
            if (Files.isRegularFile(candidate.resolve(ROOT_FILE))) {
                return Optional.of(candidate);
            }
        }
        return Optional.of(path.toAbsolutePath().normalize());
    }

    /** Any root file whose referenced files sit next to it (not cached). */
    public static SpecValidator forRootFile(String label, Path rootFile) {
        Path root = rootFile.toAbsolutePath().normalize();
        return new SpecValidator(label, WorkingCopy.of(root.getParent()).resolve(root.getFileName().toString()));
    }

    /**
     * The folder holding the project's files as plain files: {@code target/classes/...} inside
     * this module, or a temporary copy when they come from the modelqos-openapi jar.
     */
    public static Path projectSpecDir() {
        return ProjectFiles.DIR;
    }

    // ------------------------------------------------------------------------------------------
    // (a) schema validation
    // ------------------------------------------------------------------------------------------

    /** Validates {@code json} against schema {@code schemaName} of the root file. */
    public Result validateSchema(String schemaName, String json) {
        return validateSchema(rootFile.getFileName().toString(), schemaName, json);
    }

    /**
     * Validates {@code json} against schema {@code schemaName} declared in {@code fileName}
     * (a file of the same folder, e.g. {@code TS29122_CommonData.yaml} for ProblemDetails).
     */
    public Result validateSchema(String fileName, String schemaName, String json) {
        Objects.requireNonNull(json, "json");
        String ref = fileName + "#/components/schemas/" + schemaName;
        NamedSchema named = schemas.computeIfAbsent(ref, this::loadSchema);
        return new Result(label + ": " + ref, named.validator().validate(json, named.schema(), VALUE_KEY));
    }

    // ------------------------------------------------------------------------------------------
    // (b) operations
    // ------------------------------------------------------------------------------------------

    /** Validates a request (NEF side: what the AF sent) against the API operations. */
    public Result validateRequest(HttpRequest request) {
        return new Result(label + ": " + request.describe(), operations.validateRequest(toRequest(request, true)));
    }

    /** Validates the response to {@code request} (AF side: what the NEF answered). */
    public Result validateResponse(HttpRequest request, HttpResponse response) {
        Request r = toRequest(request, true);
        return new Result(label + ": " + request.describe() + " -> " + response.status(),
                operations.validateResponse(r.getPath(), r.getMethod(), toResponse(response)));
    }

    /** Validates a request and its response. */
    public Result validateExchange(HttpRequest request, HttpResponse response) {
        return new Result(label + ": " + request.describe() + " -> " + response.status(),
                operations.validate(toRequest(request, true), toResponse(response)));
    }

    /**
     * Validates a notification request (NEF to AF) against callback {@code callbackName} (for
     * AsSessionWithQoS: {@code notificationDestination}). The request URI is not checked.
     */
    public Result validateCallback(String callbackName, HttpRequest request) {
        return new Result(label + ": callback " + callbackName + " " + request.method(),
                callbacks.validateRequest(toCallbackRequest(callbackName, request)));
    }

    /** Validates a notification request and the AF's response to it. */
    public Result validateCallbackExchange(String callbackName, HttpRequest request, HttpResponse response) {
        return new Result(label + ": callback " + callbackName + " " + request.method() + " -> " + response.status(),
                callbacks.validate(toCallbackRequest(callbackName, request), toResponse(response)));
    }

    public String label() {
        return label;
    }

    public Path rootFile() {
        return rootFile;
    }

    /** The base path taken from the first server URL without {@code {apiRoot}}, e.g. {@code /3gpp-as-session-with-qos/v1}. */
    public String basePath() {
        return basePath;
    }

    /** The names of the callbacks declared by the API's operations. */
    public List<String> callbackNames() {
        List<String> names = new ArrayList<>();
        forEachCallback(api, (name, item) -> names.add(name));
        return names;
    }

    @Override
    public String toString() {
        return "SpecValidator[" + label + ", " + rootFile + "]";
    }

    // ------------------------------------------------------------------------------------------
    // Messages
    // ------------------------------------------------------------------------------------------

    /** An HTTP request as recorded: method, URI (absolute or path, with query), headers, body. */
    public record HttpRequest(String method, String uri, Map<String, List<String>> headers, String body) {

        public HttpRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = copyHeaders(headers);
        }

        public static HttpRequest of(String method, String uri) {
            return new HttpRequest(method, uri, Map.of(), null);
        }

        /** A request with a body and its {@code Content-Type}. */
        public static HttpRequest of(String method, String uri, String contentType, String body) {
            return of(method, uri).withHeader("Content-Type", contentType).withBody(body);
        }

        public HttpRequest withHeader(String name, String value) {
            return new HttpRequest(method, uri, addHeader(headers, name, value), body);
        }

        public HttpRequest withBody(String newBody) {
            return new HttpRequest(method, uri, headers, newBody);
        }

        String describe() {
            return method.toUpperCase(Locale.ROOT) + " " + uri;
        }
    }

    /** An HTTP response as recorded: status, headers, body (null or empty = no body). */
    public record HttpResponse(int status, Map<String, List<String>> headers, String body) {

        public HttpResponse {
            headers = copyHeaders(headers);
        }

        public static HttpResponse of(int status) {
            return new HttpResponse(status, Map.of(), null);
        }

        /** A response with a body and its {@code Content-Type}. */
        public static HttpResponse of(int status, String contentType, String body) {
            return of(status).withHeader("Content-Type", contentType).withBody(body);
        }

        public HttpResponse withHeader(String name, String value) {
            return new HttpResponse(status, addHeader(headers, name, value), body);
        }

        public HttpResponse withBody(String newBody) {
            return new HttpResponse(status, headers, newBody);
        }
    }

    /** The outcome of one validation: valid when the report holds no ERROR message. */
    public static final class Result {
        private final String subject;
        private final ValidationReport report;

        Result(String subject, ValidationReport report) {
            this.subject = subject;
            this.report = report;
        }

        public boolean isValid() {
            return !report.hasErrors();
        }

        /** The ERROR messages, nested ones (e.g. per anyOf/oneOf branch) indented below their parent. */
        public List<String> errors() {
            List<String> out = new ArrayList<>();
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR) {
                    format(m, "", out);
                }
            }
            return out;
        }

        public ValidationReport report() {
            return report;
        }

        public String subject() {
            return subject;
        }

        /** Throws an {@link AssertionError} listing the errors unless valid; returns this. */
        public Result assertValid() {
            if (!isValid()) {
                throw new AssertionError("Expected valid: " + this);
            }
            return this;
        }

        /** Throws an {@link AssertionError} if valid; returns this. */
        public Result assertInvalid() {
            if (isValid()) {
                throw new AssertionError("Expected a validation error, but it was accepted: " + subject);
            }
            return this;
        }

        @Override
        public String toString() {
            return subject + (isValid() ? " [valid]" : " [invalid]\n  " + String.join("\n  ", errors()));
        }

        private static void format(ValidationReport.Message m, String indent, List<String> out) {
            out.add(indent + m.getKey() + ": " + m.getMessage());
            for (ValidationReport.Message nested : m.getNestedMessages()) {
                format(nested, indent + "    ", out);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    private static OpenAPI parse(String location, String contents) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        // Keep allOf/anyOf/oneOf as written: merging allOf parts would drop their "not" constraints.
        options.setResolveCombinators(false);
        SwaggerParseResult result = contents == null
                ? new OpenAPIV3Parser().readLocation(location, null, options)
                : new OpenAPIV3Parser().readContents(contents, null, options);
        if (result == null || result.getOpenAPI() == null) {
            throw new IllegalStateException("Cannot parse " + (location == null ? "inline document" : location) + ": "
                    + (result == null ? "no result" : result.getMessages()));
        }
        OpenAPI api = result.getOpenAPI();
        new ParserFixes().apply(api);
        return api;
    }

    /**
     * Undoes two readings of swagger-parser that the 3GPP files do not mean:
     * <ul>
     *   <li>TS 29.571 NullValue is {@code enum: [null]} without a type; swagger-parser infers
     *       {@code type: string} for it, which would reject the JSON null it stands for (e.g.
     *       {@code "pduSetQos": null} through PduSetQosParaRm = anyOf [PduSetQosPara, NullValue]).
     *       Marking such schemas nullable restores the intended meaning.</li>
     *   <li>An extensible enumeration (anyOf [string enum, string], no type of its own) declared
     *       in the root file comes out of resolveFully with {@code type: object}, so that every
     *       value of it would be rejected (e.g. MediaComponent.fStatus "ENABLED" with
     *       Npcf_PolicyAuthorization as the root). Such a schema loses that type again.</li>
     *   <li>A query parameter whose schema is such an enumeration (no type of its own, e.g.
     *       Nnrf_NFDiscovery target-nf-type: NFType) is read as JSON text, so that a plain
     *       {@code BSF} fails to parse. It gets the type all its branches share (string).</li>
     * </ul>
     */
    private static final class ParserFixes {
        private final Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        void apply(OpenAPI api) {
            if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
                api.getComponents().getSchemas().values().forEach(this::visit);
            }
            if (api.getPaths() != null) {
                api.getPaths().values().forEach(this::visit);
            }
        }

        private void visit(PathItem item) {
            for (Operation op : item.readOperations()) {
                if (op.getParameters() != null) {
                    for (Parameter p : op.getParameters()) {
                        visit(p.getSchema());
                        visitContent(p.getContent());
                        typeScalarChoice(p.getSchema());
                        if (p.getSchema() != null) {
                            typeScalarChoice(p.getSchema().getItems());
                        }
                    }
                }
                if (op.getRequestBody() != null) {
                    visitContent(op.getRequestBody().getContent());
                }
                if (op.getResponses() != null) {
                    op.getResponses().values().forEach(r -> visitContent(r.getContent()));
                }
                if (op.getCallbacks() != null) {
                    op.getCallbacks().values().forEach(cb -> cb.values().forEach(this::visit));
                }
            }
        }

        private void visitContent(io.swagger.v3.oas.models.media.Content content) {
            if (content != null) {
                content.values().forEach(m -> visit(m.getSchema()));
            }
        }

        private void visit(Schema<?> schema) {
            if (schema == null || !seen.add(schema)) {
                return;
            }
            List<?> values = schema.getEnum();
            if (values != null && values.size() == 1 && values.get(0) == null) {
                schema.setNullable(Boolean.TRUE);
            }
            if (isObjectTypedScalarChoice(schema)) {
                schema.setType(null);
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(this::visit);
            }
            visit(schema.getItems());
            visit(schema.getNot());
            if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
                visit(additional);
            }
            for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (list != null) {
                    list.forEach(this::visit);
                }
            }
        }
    }

    /** Gives an untyped anyOf/oneOf whose branches all have one scalar type that type. */
    private static void typeScalarChoice(Schema<?> schema) {
        if (schema == null || schema.getType() != null) {
            return;
        }
        List<Schema> branches = schema.getAnyOf() != null ? schema.getAnyOf() : schema.getOneOf();
        if (branches == null || branches.isEmpty()) {
            return;
        }
        String shared = branches.get(0).getType();
        for (Schema<?> b : branches) {
            if (b.getType() == null || !b.getType().equals(shared) || "object".equals(shared) || "array".equals(shared)) {
                return;
            }
        }
        schema.setType(shared);
    }

    /** type: object, no members, and an anyOf/oneOf whose branches all have a scalar type. */
    private static boolean isObjectTypedScalarChoice(Schema<?> schema) {
        if (!"object".equals(schema.getType()) || schema.getProperties() != null || schema.getAdditionalProperties() != null) {
            return false;
        }
        List<Schema> branches = schema.getAnyOf() != null ? schema.getAnyOf() : schema.getOneOf();
        if (branches == null || branches.isEmpty()) {
            return false;
        }
        for (Schema<?> b : branches) {
            String type = b.getType();
            if (type == null || "object".equals(type) || "array".equals(type)) {
                return false;
            }
        }
        return true;
    }

    private record NamedSchema(Schema<?> schema, SchemaValidator validator) {
    }

    private NamedSchema loadSchema(String ref) {
        String fileName = ref.substring(0, ref.indexOf('#'));
        String schemaName = ref.substring(ref.lastIndexOf('/') + 1);
        if (rootFile.getFileName().toString().equals(fileName)) {
            // Declared in the root file: already parsed, under its own name.
            Schema<?> own = api.getComponents() == null || api.getComponents().getSchemas() == null
                    ? null : api.getComponents().getSchemas().get(schemaName);
            if (own == null) {
                throw new IllegalArgumentException("No schema " + schemaName + " in " + rootFile + " (" + label + ")");
            }
            return new NamedSchema(own, rootSchemaValidator);
        }
        // Declared in another file of the folder: parse a small document whose only operation
        // takes that schema as its body, so that exactly the schema's $ref closure is resolved
        // (and inlined by resolveFully). The document is a file next to the others and refers to
        // them by bare name: swagger-parser mis-resolves chains of relative refs (an alias such
        // as 5GSmCause -> TS29571 Uinteger) in inline content.
        Path file = rootFile.resolveSibling(fileName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No file " + file + " (" + label + ")");
        }
        String wrapper = "openapi: 3.0.0\n"
                + "info: {title: schema wrapper, version: '1'}\n"
                + "paths:\n"
                + "  /target:\n"
                + "    post:\n"
                + "      requestBody:\n"
                + "        content:\n"
                + "          application/json:\n"
                + "            schema:\n"
                + "              $ref: '" + fileName + "#/components/schemas/" + schemaName + "'\n"
                + "      responses:\n"
                + "        '204': {description: none}\n";
        OpenAPI doc;
        try {
            Path wrapperFile = Files.createTempFile(rootFile.getParent(), "schema-wrapper-", ".yaml");
            try {
                Files.writeString(wrapperFile, wrapper, StandardCharsets.UTF_8);
                doc = parse(wrapperFile.toUri().toString(), null);
            } finally {
                Files.deleteIfExists(wrapperFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a schema wrapper next to " + file, e);
        }
        Schema<?> target = null;
        try {
            target = doc.getPaths().get("/target").getPost().getRequestBody().getContent().get("application/json").getSchema();
        } catch (NullPointerException e) {
            // reported below
        }
        if (target == null || target.get$ref() != null || isEmpty(target)) {
            throw new IllegalArgumentException("Schema not found or not resolvable: " + ref + " (" + label + ")");
        }
        return new NamedSchema(target, new SchemaValidator(doc, messages));
    }

    private static boolean isEmpty(Schema<?> s) {
        return s.getType() == null && s.getTypes() == null && s.getProperties() == null && s.getAllOf() == null
                && s.getAnyOf() == null && s.getOneOf() == null && s.getEnum() == null && s.getNot() == null;
    }

    private static String basePathOf(OpenAPI api) {
        if (api.getServers() == null || api.getServers().isEmpty()) {
            return "/";
        }
        String url = api.getServers().get(0).getUrl();
        if (url.startsWith(API_ROOT_VARIABLE)) {
            url = url.substring(API_ROOT_VARIABLE.length());
        } else if (url.contains("://")) {
            url = URI.create(url).getPath();
        }
        return url.isEmpty() ? "/" : url;
    }

    private interface CallbackVisitor {
        void visit(String name, PathItem item);
    }

    private static void forEachCallback(OpenAPI api, CallbackVisitor visitor) {
        if (api.getPaths() == null) {
            return;
        }
        for (PathItem pathItem : api.getPaths().values()) {
            for (Operation op : pathItem.readOperations()) {
                if (op.getCallbacks() == null) {
                    continue;
                }
                for (Map.Entry<String, Callback> cb : op.getCallbacks().entrySet()) {
                    for (PathItem item : cb.getValue().values()) {
                        visitor.visit(cb.getKey(), item);
                    }
                }
            }
        }
    }

    /** An API whose paths are "/{callback name}" with the callback's operations. */
    private static OpenAPI callbackApi(OpenAPI api) {
        Paths paths = new Paths();
        forEachCallback(api, (name, item) -> paths.addPathItem("/" + name, item));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        return new OpenAPI()
                .openapi(api.getOpenapi())
                .info(new Info().title("callbacks of " + api.getInfo().getTitle()).version(api.getInfo().getVersion()))
                .components(components)
                .paths(paths);
    }

    private Request toRequest(HttpRequest request, boolean operation) {
        URI uri = toUri(request.uri());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        int base = "/".equals(basePath) ? -1 : path.indexOf(basePath);
        String relative = base >= 0 ? path.substring(base + basePath.length()) : path;
        String fullPath = ("/".equals(basePath) ? "" : basePath) + (relative.startsWith("/") ? relative : "/" + relative);
        SimpleRequest.Builder b = new SimpleRequest.Builder(request.method().toUpperCase(Locale.ROOT), fullPath);
        addQuery(uri, b);
        request.headers().forEach(b::withHeader);
        if (request.body() != null && !request.body().isEmpty()) {
            b.withBody(request.body());
        }
        return b.build();
    }

    private Request toCallbackRequest(String callbackName, HttpRequest request) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(request.method().toUpperCase(Locale.ROOT), "/" + callbackName);
        request.headers().forEach(b::withHeader);
        if (request.body() != null && !request.body().isEmpty()) {
            b.withBody(request.body());
        }
        return b.build();
    }

    private static SimpleResponse toResponse(HttpResponse response) {
        SimpleResponse.Builder b = new SimpleResponse.Builder(response.status());
        response.headers().forEach(b::withHeader);
        if (response.body() != null && !response.body().isEmpty()) {
            b.withBody(response.body());
        }
        return b.build();
    }

    private static URI toUri(String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a URI: " + uri, e);
        }
    }

    private static void addQuery(URI uri, SimpleRequest.Builder b) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return;
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.forEach(b::withQueryParam);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> copyHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static Map<String, List<String>> addHeader(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
        values.add(value);
        copy.put(name, values);
        return copy;
    }

    /**
     * Checks query parameters declared with {@code content} (a JSON value, e.g. {@code ip-addrs}),
     * which swagger-request-validator itself does not validate.
     */
    private static final class ContentQueryParameters implements CustomRequestValidator {
        private final SchemaValidator schemaValidator;
        private final MessageResolver messages;

        ContentQueryParameters(OpenAPI api, MessageResolver messages) {
            this.schemaValidator = new SchemaValidator(api, messages);
            this.messages = messages;
        }

        @Override
        public ValidationReport validate(Request request, ApiOperation apiOperation) {
            List<Parameter> parameters = apiOperation.getOperation().getParameters();
            if (parameters == null) {
                return ValidationReport.empty();
            }
            ValidationReport report = ValidationReport.empty();
            for (Parameter p : parameters) {
                if (!"query".equals(p.getIn()) || p.getContent() == null) {
                    continue;
                }
                for (Map.Entry<String, MediaType> media : p.getContent().entrySet()) {
                    if (!media.getKey().toLowerCase(Locale.ROOT).contains("json") || media.getValue().getSchema() == null) {
                        continue;
                    }
                    for (String value : request.getQueryParameterValues(p.getName())) {
                        ValidationReport r = schemaValidator.validate(value, media.getValue().getSchema(), "request.parameter.query");
                        report = report.merge(r.withAdditionalContext(ValidationReport.MessageContext.create()
                                .withParameter(p).build()));
                    }
                }
            }
            return report;
        }
    }

    /**
     * A temporary copy of a folder of YAML files, one per folder and JVM, with TAB characters
     * replaced by two spaces. The validators read the copy (and write their schema wrappers
     * into it), never the folder they were given.
     */
    private static final class WorkingCopy {
        private static final Map<Path, Path> COPIES = new ConcurrentHashMap<>();
        /**
         * TS 29.572 GeographicArea (reached by CAPIF's AefLocation) declares a discriminator on a
         * property whose type is a $ref (SupportedGADShapes), which the validator's JSON Schema
         * library refuses ("must be defined as a string property") for every value of a schema
         * that reaches it. A discriminator is only a hint in OpenAPI 3.0 (the anyOf decides), so
         * the working copy drops it; nothing else of the file changes.
         */
        private static final String LOCATION_FILE = "TS29572_Nlmf_Location.yaml";

        static String withoutDiscriminators(String yaml) {
            StringBuilder out = new StringBuilder();
            int skipDeeperThan = -1;
            for (String line : yaml.split("\n", -1)) {
                int indent = line.length() - line.stripLeading().length();
                if (skipDeeperThan >= 0) {
                    if (line.isBlank() || indent > skipDeeperThan) {
                        continue;
                    }
                    skipDeeperThan = -1;
                }
                if (line.strip().equals("discriminator:")) {
                    skipDeeperThan = indent;
                    continue;
                }
                out.append(line).append('\n');
            }
            return out.toString();
        }

        static Path of(Path dir) {
            return COPIES.computeIfAbsent(dir.toAbsolutePath().normalize(), WorkingCopy::copy);
        }

        private static Path copy(Path dir) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> yaml = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList();
                Path copy = Files.createTempDirectory("modelqos-3gpp-");
                copy.toFile().deleteOnExit();
                for (Path f : yaml) {
                    Path out = copy.resolve(f.getFileName().toString());
                    String text = Files.readString(f, StandardCharsets.UTF_8).replace("\t", "  ");
                    if (f.getFileName().toString().equals(LOCATION_FILE)) {
                        text = withoutDiscriminators(text);
                    }
                    Files.writeString(out, text, StandardCharsets.UTF_8);
                    out.toFile().deleteOnExit();
                }
                return copy;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + dir, e);
            }
        }
    }

    /** Locates (and if needed extracts) the project's files once per JVM. */
    private static final class ProjectFiles {
        static final Path DIR = locate();

        private static Path locate() {
            String resource = PROJECT_RESOURCE_DIR + "/" + ROOT_FILE;
            URL url = SpecValidator.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IllegalStateException("Not on the classpath: " + resource + " (modelqos-openapi missing?)");
            }
            try {
                URI uri = url.toURI();
                if ("file".equals(uri.getScheme())) {
                    return Path.of(uri).getParent();
                }
                if ("jar".equals(uri.getScheme())) {
                    return extract(uri);
                }
            } catch (URISyntaxException | IOException e) {
                throw new IllegalStateException("Cannot read the project's OpenAPI files from " + url, e);
            }
            throw new IllegalStateException("Unsupported location of the project's OpenAPI files: " + url);
        }

        private static Path extract(URI rootFileUri) throws IOException {
            String s = rootFileUri.toString();
            URI jar = URI.create(s.substring(0, s.indexOf("!/") + 2));
            Path target = Files.createTempDirectory("modelqos-openapi-3gpp-");
            FileSystem fs;
            boolean close = false;
            try {
                fs = FileSystems.newFileSystem(jar, Map.of());
                close = true;
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(jar);
            }
            try (Stream<Path> files = Files.list(fs.getPath("/" + PROJECT_RESOURCE_DIR))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path out = target.resolve(f.getFileName().toString());
                    Files.copy(f, out);
                    out.toFile().deleteOnExit();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (close) {
                    fs.close();
                }
            }
            target.toFile().deleteOnExit();
            return target;
        }
    }
}
