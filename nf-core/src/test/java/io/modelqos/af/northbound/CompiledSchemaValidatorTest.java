package io.modelqos.af.northbound;

import io.modelqos.af.problem.InvalidParam;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The compiled validator judges the contract's bodies as vertx-json-schema does, and names the same fields: each
 * body is validated by both, against the same schema of the AF's own contract.
 */
class CompiledSchemaValidatorTest {
    private static Vertx vertx;
    private static Validator compiled;
    private static Validator interpreted;

    @BeforeAll
    static void load() throws Exception {
        vertx = EventLoopGuard.vertx();
        OpenAPIContract contract = RouterContract.load(vertx, NorthboundApi.CONTRACT)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        JsonSchema body = contract.operation("createDelivery").getRequestBody().getContent()
                .get("application/json").getSchema();
        compiled = assertInstanceOf(CompiledSchemaValidator.class, contract.getSchemaRepository().validator(body));
        OpenAPIContract plain = OpenAPIContract.from(vertx, RouterContract.adaptedJson(NorthboundApi.CONTRACT))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        interpreted = plain.getSchemaRepository().validator(plain.operation("createDelivery").getRequestBody()
                .getContent().get("application/json").getSchema());
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static JsonObject valid() {
        return new JsonObject("""
                {"ue":{"ipv4Addr":"10.60.0.1"},"server":{"ipv4Addr":"192.0.2.10","port":443},
                 "model":{"name":"ResNet-50","variants":[
                   {"id":"fp32","precision":"FP32","sizeBytes":100000000},
                   {"id":"int8","precision":"INT8","sizeBytes":25000000}]},
                 "latencyBudgetMs":1000,"availability":0.99999,"notificationUri":"https://server.example/events"}""");
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("valid", valid()),
                Arguments.of("valid, only what is required", without(valid(), "availability", "notificationUri")),
                Arguments.of("no ue", without(valid(), "ue")),
                Arguments.of("no model nor budget", without(valid(), "model", "latencyBudgetMs")),
                Arguments.of("unknown top-level field", valid().put("colour", "blue")),
                Arguments.of("unknown nested field", change(valid(), b -> b.getJsonObject("ue").put("imsi", "1"))),
                Arguments.of("bad IPv4", change(valid(), b -> b.getJsonObject("ue").put("ipv4Addr", "10.60.0.300"))),
                Arguments.of("port out of range", change(valid(), b -> b.getJsonObject("server").put("port", 70000))),
                Arguments.of("negative size", change(valid(), b -> variant(b, 0).put("sizeBytes", -5))),
                Arguments.of("unknown precision", change(valid(), b -> variant(b, 1).put("precision", "FP8"))),
                Arguments.of("budget of the wrong type", valid().put("latencyBudgetMs", "soon")),
                Arguments.of("zero budget", valid().put("latencyBudgetMs", 0)),
                Arguments.of("availability exactly 1 (exclusive maximum)", valid().put("availability", 1)),
                Arguments.of("availability below the minimum", valid().put("availability", 0.1)),
                Arguments.of("no variants", change(valid(), b -> b.getJsonObject("model").put("variants", new JsonArray()))),
                Arguments.of("a variant that is not an object", change(valid(), b -> b.getJsonObject("model")
                        .getJsonArray("variants").add("int4"))),
                Arguments.of("a body that is an array", new JsonArray().add(1)),
                Arguments.of("two faults at once", change(valid().put("latencyBudgetMs", -1),
                        b -> b.getJsonObject("server").put("port", 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void judgesAndNamesTheFieldsAsVertxJsonSchemaDoes(String name, Object body) {
        OutputUnit expected = interpreted.validate(body);
        OutputUnit actual = compiled.validate(body);
        assertEquals(expected.getValid(), actual.getValid(), name + ": vert.x said " + expected.getErrors());
        if (!expected.getValid()) {
            assertEquals(fields(expected), fields(actual), name);
        }
    }

    private static TreeSet<String> fields(OutputUnit unit) {
        List<InvalidParam> params = ProblemResponder.paramsOf(unit, "fallback");
        TreeSet<String> names = new TreeSet<>();
        params.forEach(p -> names.add(p.param()));
        return names;
    }

    private static JsonObject variant(JsonObject body, int i) {
        return body.getJsonObject("model").getJsonArray("variants").getJsonObject(i);
    }

    private static JsonObject without(JsonObject body, String... fields) {
        for (String f : fields) {
            body.remove(f);
        }
        return body;
    }

    private static JsonObject change(JsonObject body, Consumer<JsonObject> change) {
        change.accept(body);
        return body;
    }
}
