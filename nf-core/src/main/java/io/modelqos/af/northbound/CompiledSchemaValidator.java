package io.modelqos.af.northbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import com.networknt.schema.oas.OpenApi31;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIVersion;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One schema of the contract, compiled once by networknt's json-schema-validator, behind vertx-json-schema's
 * {@link Validator} so that vertx-openapi's request validation uses it unchanged. vertx-json-schema interprets the
 * schema on every call (it compiles each {@code pattern} again and builds a JSON pointer per step): about 120 us for
 * a create body, a quarter of the AF's CPU per create+delete; the compiled schema takes about 9 us.
 *
 * <p>Errors come out in vertx-json-schema's form ({@code #/a/b} instance locations and its wording for a missing
 * required property and an unknown one), which {@link ProblemResponder} turns into {@code invalidParams}.
 */
final class CompiledSchemaValidator implements Validator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Keys vertx-json-schema adds to a schema it loaded; not JSON Schema. */
    private static final String VERTX_MARKER_PREFIX = "__";

    private final com.networknt.schema.JsonSchema schema;

    private CompiledSchemaValidator(com.networknt.schema.JsonSchema schema) {
        this.schema = schema;
    }

    /**
     * Compiles {@code resolved}, a schema of an OpenAPI document of {@code version} whose {@code $ref}s are already
     * inlined (vertx-json-schema's {@code SchemaRepository.resolve}).
     */
    static CompiledSchemaValidator compile(JsonObject resolved, OpenAPIVersion version) {
        // OpenAPI 3.0's boolean exclusiveMaximum/exclusiveMinimum are read by maximum/minimum (draft 4); declared
        // here so that compiling does not warn that they are unknown.
        JsonMetaSchema dialect = version == OpenAPIVersion.V3_0
                ? JsonMetaSchema.builder(OpenApi30.getInstance()).keywords(List.of(
                        new NonValidationKeyword("exclusiveMaximum"), new NonValidationKeyword("exclusiveMinimum"))).build()
                : OpenApi31.getInstance();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
                version == OpenAPIVersion.V3_0 ? SpecVersion.VersionFlag.V4 : SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri()));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .build();
        return new CompiledSchemaValidator(factory.getSchema(withoutMarkers(resolved), config));
    }

    @Override
    public OutputUnit validate(Object instance) {
        Set<ValidationMessage> messages = schema.validate(node(instance));
        if (messages.isEmpty()) {
            return new OutputUnit(true);
        }
        OutputUnit result = new OutputUnit(false);
        for (ValidationMessage m : messages) {
            result.addError(outputOf(m));
        }
        return result;
    }

    private static OutputUnit outputOf(ValidationMessage m) {
        String location = "#" + m.getInstanceLocation().toString();
        String keywordLocation = m.getEvaluationPath() == null ? "#" : "#" + m.getEvaluationPath();
        String absolute = m.getSchemaLocation() == null ? keywordLocation : m.getSchemaLocation().toString();
        String error = switch (m.getType()) {
            case "required" -> "Instance does not have required property \"" + m.getProperty() + "\"";
            case "additionalProperties" -> {
                location = location.equals("#") ? "#/" + m.getProperty() : location + "/" + m.getProperty();
                yield "Property \"" + m.getProperty() + "\" does not match additional properties schema";
            }
            default -> m.getError() == null ? m.getMessage() : m.getError();
        };
        return new OutputUnit(location, absolute, keywordLocation, error, OutputErrorType.INVALID_VALUE);
    }

    private static JsonNode withoutMarkers(Object value) {
        if (value instanceof JsonObject object) {
            ObjectNode node = NODES.objectNode();
            for (Map.Entry<String, Object> e : object) {
                if (!e.getKey().startsWith(VERTX_MARKER_PREFIX)) {
                    node.set(e.getKey(), withoutMarkers(e.getValue()));
                }
            }
            return node;
        }
        if (value instanceof JsonArray array) {
            ArrayNode node = NODES.arrayNode();
            array.forEach(item -> node.add(withoutMarkers(item)));
            return node;
        }
        return node(value);
    }

    /**
     * The Jackson tree of a value as vertx-openapi hands it over (Vert.x JSON types, maps and lists, scalars), or the
     * value itself when it is one already.
     */
    static JsonNode node(Object value) {
        if (value instanceof JsonNode tree) {
            return tree; // a body LoopRequestValidator parsed
        }
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonObject object) {
            return objectNode(object.getMap());
        }
        if (value instanceof Map<?, ?> map) {
            return objectNode(map);
        }
        if (value instanceof JsonArray array) {
            return arrayNode(array.getList());
        }
        if (value instanceof List<?> list) {
            return arrayNode(list);
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (value instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.longValue());
        }
        if (value instanceof Buffer buffer) {
            return NODES.textNode(buffer.toString());
        }
        return NODES.textNode(value.toString());
    }

    private static ObjectNode objectNode(Map<?, ?> map) {
        ObjectNode node = NODES.objectNode();
        map.forEach((k, v) -> node.set(String.valueOf(k), node(v)));
        return node;
    }

    private static ArrayNode arrayNode(List<?> list) {
        ArrayNode node = NODES.arrayNode();
        list.forEach(item -> node.add(node(item)));
        return node;
    }
}
