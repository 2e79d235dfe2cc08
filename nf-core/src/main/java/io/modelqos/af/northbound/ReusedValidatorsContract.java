package io.modelqos.af.northbound;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The router's contract, with one JSON Schema validator per schema instead of one per request, compiled
 * ({@link CompiledSchemaValidator}).
 *
 * <p>vertx-openapi's request validator asks the contract's schema repository for a new validator for every body and
 * parameter it checks, and each one copies the repository's whole schema table: about 7 % of the AF's CPU under
 * load (docs/performance.md). A validator is immutable once built (final fields, the table copied), so the one built
 * for a schema of the contract serves every later request, on any thread. Everything else is the loaded contract's.
 */
final class ReusedValidatorsContract implements OpenAPIContract {
    /** The contract has a few dozen schemas; the bound only guards against a library that makes schemas per call. */
    static final int MAX_CACHED = 1024;

    private final OpenAPIContract contract;
    private final Repository repository;

    ReusedValidatorsContract(OpenAPIContract contract) {
        this.contract = contract;
        this.repository = new Repository(contract.getSchemaRepository(), contract.getVersion());
    }

    /** How many validators were built (tests: a second request for the same operation builds none). */
    int validatorsBuilt() {
        return repository.built.size();
    }

    @Override
    public SchemaRepository getSchemaRepository() {
        return repository;
    }

    @Override
    public Operation operation(String operationId) {
        return contract.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
        return contract.operations();
    }

    @Override
    public List<Path> getPaths() {
        return contract.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
        return contract.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
        return contract.getVersion();
    }

    @Override
    public List<Server> getServers() {
        return contract.getServers();
    }

    @Override
    public Path findPath(String urlPath) {
        return contract.findPath(urlPath);
    }

    @Override
    public Operation findOperation(String urlPath, HttpMethod method) {
        return contract.findOperation(urlPath, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
        return contract.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
        return contract.securityScheme(name);
    }

    /** The contract's repository; {@link #validator(JsonSchema)}, the one the request validator calls, reuses. */
    private static final class Repository implements SchemaRepository {
        private final SchemaRepository schemas;
        private final OpenAPIVersion version;
        /** By schema identity: the contract's schema objects live as long as the contract. */
        private final Map<Identity, Validator> built = new ConcurrentHashMap<>();

        Repository(SchemaRepository schemas, OpenAPIVersion version) {
            this.schemas = schemas;
            this.version = version;
        }

        @Override
        public Validator validator(JsonSchema schema) {
            Identity key = new Identity(schema);
            Validator validator = built.get(key);
            if (validator == null) {
                validator = compiled(schema);
                if (built.size() < MAX_CACHED) {
                    built.putIfAbsent(key, validator);
                }
            }
            return validator;
        }

        /**
         * The schema compiled with its references inlined; a boolean schema, which has nothing to compile, keeps
         * vertx-json-schema's validator.
         */
        private Validator compiled(JsonSchema schema) {
            if (schema.fieldNames().isEmpty()) {
                return schemas.validator(schema);
            }
            JsonObject json = new JsonObject();
            for (String name : schema.fieldNames()) {
                json.put(name, schema.get(name));
            }
            return CompiledSchemaValidator.compile(schemas.resolve(json), version);
        }

        @Override
        public SchemaRepository dereference(JsonSchema schema) throws SchemaException {
            schemas.dereference(schema);
            return this;
        }

        @Override
        public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException {
            schemas.dereference(uri, schema);
            return this;
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs) {
            schemas.preloadMetaSchema(fs);
            return this;
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
            schemas.preloadMetaSchema(fs, draft);
            return this;
        }

        @Override
        public Validator validator(String ref) {
            return schemas.validator(ref);
        }

        @Override
        public Validator validator(String ref, JsonSchemaOptions options) {
            return schemas.validator(ref, options);
        }

        @Override
        public Validator validator(JsonSchema schema, JsonSchemaOptions options) {
            return schemas.validator(schema, options);
        }

        @Override
        public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
            return schemas.validator(schema, options, dereference);
        }

        @Override
        public JsonObject resolve(JsonObject schema) {
            return schemas.resolve(schema);
        }

        @Override
        public JsonSchema find(String pointer) {
            return schemas.find(pointer);
        }
    }

    /** A key equal only to itself: schemas are JSON objects whose equals and hashCode walk the whole tree. */
    private record Identity(JsonSchema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
