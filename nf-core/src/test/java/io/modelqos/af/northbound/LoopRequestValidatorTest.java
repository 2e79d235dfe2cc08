package io.modelqos.af.northbound;

import io.modelqos.testing.EventLoopGuard;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request validation that runs on the loop gives what vertx-openapi's own validator gives (the same validated
 * parameters and body, the same exception for a bad request), and gives it at once, where the library's answers later,
 * from a worker.
 */
class LoopRequestValidatorTest {
    private static final String CREATE = """
            {"ue":{"ipv4Addr":"10.60.0.1"},"server":{"ipv4Addr":"192.0.2.10","port":443},
             "model":{"name":"MobileNet","variants":[{"id":"m","precision":"FP32","sizeBytes":4200000}]},
             "latencyBudgetMs":1000}""";

    private final Vertx vertx = EventLoopGuard.vertx();
    private OpenAPIContract contract;
    private LoopRequestValidator onTheLoop;
    private RequestValidatorImpl library;

    @BeforeEach
    void load() throws Exception {
        contract = RouterContract.load(vertx, NorthboundApi.CONTRACT).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        onTheLoop = new LoopRequestValidator(vertx, contract, RequestExtractor.withBodyHandler());
        library = new RequestValidatorImpl(vertx, contract);
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aValidCreateIsValidatedAtOnceAndAsTheLibraryDoes() {
        ValidatableRequest request = create(CREATE);
        Future<ValidatedRequest> now = onTheLoop.validate(request, "createDelivery");
        Future<ValidatedRequest> later = library.validate(request, "createDelivery");
        assertTrue(now.isComplete() && now.succeeded(), "answered before it returned");
        // (The library answers from a worker thread; how soon is a race, so it is not asserted here.)
        ValidatedRequest expected = later.await();
        // The body comes as Jackson's tree of what the library decodes (parsed once; see LoopRequestValidator).
        assertInstanceOf(JsonNode.class, now.result().getBody().get());
        assertEquals(CompiledSchemaValidator.node(expected.getBody().getJsonObject()), now.result().getBody().get());
        assertEquals(values(expected.getHeaders()), values(now.result().getHeaders()));
        assertEquals("key-1", now.result().getHeaders().get("Idempotency-Key").getString());
    }

    @Test
    void aBadCreateFailsAtOnceWithTheLibrarysException() {
        ValidatableRequest request = create(CREATE.replace("1000}", "\"soon\"}"));
        Future<ValidatedRequest> now = onTheLoop.validate(request, "createDelivery");
        assertTrue(now.isComplete() && now.failed());
        Throwable expected = library.validate(request, "createDelivery").transform(Future::succeededFuture).await().cause();
        ValidatorException mine = assertInstanceOf(ValidatorException.class, now.cause());
        assertEquals(assertInstanceOf(ValidatorException.class, expected).getMessage(), mine.getMessage());
        assertEquals(((ValidatorException) expected).type(), mine.type());
    }

    @Test
    void aBodyThatIsNotOneJsonValueIsAnsweredByTheLibrary() {
        for (String body : new String[] {CREATE + " {}", CREATE.replace("1000}", "1000"), "[" + CREATE + "]",
                "null", "\"create\""}) {
            ValidatableRequest request = create(body);
            Future<ValidatedRequest> now = onTheLoop.validate(request, "createDelivery");
            assertTrue(now.isComplete() && now.failed(), body);
            Throwable expected = library.validate(request, "createDelivery").transform(Future::succeededFuture).await().cause();
            ValidatorException mine = assertInstanceOf(ValidatorException.class, now.cause(), body);
            assertEquals(assertInstanceOf(ValidatorException.class, expected).getMessage(), mine.getMessage(), body);
            assertEquals(((ValidatorException) expected).type(), mine.type(), body);
        }
        // A comment, which Vert.x's codec allows and Jackson's defaults do not: the library's answer, as before.
        ValidatableRequest commented = create("/* a comment */ " + CREATE);
        ValidatedRequest expected = library.validate(commented, "createDelivery").await();
        assertEquals(CompiledSchemaValidator.node(expected.getBody().getJsonObject()),
                CompiledSchemaValidator.node(onTheLoop.validate(commented, "createDelivery").await().getBody().get()));
    }

    @Test
    void pathAndQueryParametersAreTransformedAsTheLibraryDoes() {
        ValidatableRequest list = new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(),
                Map.of("pageSize", new RequestParameterImpl("5"), "state", new RequestParameterImpl("QOS_GRANTED")));
        ValidatedRequest mine = onTheLoop.validate(list, "listDeliveries").result();
        assertEquals(values(library.validate(list, "listDeliveries").await().getQuery()), values(mine.getQuery()));
        assertEquals(5, mine.getQuery().get("pageSize").getInteger());

        ValidatableRequest badPage = new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(),
                Map.of("pageSize", new RequestParameterImpl("many")));
        assertInstanceOf(ValidatorException.class, onTheLoop.validate(badPage, "listDeliveries").cause());
    }

    @Test
    void aDeliveryIdIsTakenAsItIsAndCheckedAgainstItsSchemaAsTheLibraryChecksIt() {
        String id = "d-0000019ae0c1f2a3-6b2f9c1d";
        ValidatableRequest get = new ValidatableRequestImpl(Map.of(), Map.of(),
                Map.of("deliveryId", new RequestParameterImpl(id)), Map.of());
        ValidatedRequest mine = onTheLoop.validate(get, "getDelivery").result();
        assertEquals(values(library.validate(get, "getDelivery").await().getPathParameters()),
                values(mine.getPathParameters()));
        assertEquals(id, mine.getPathParameters().get("deliveryId").getString());
        // "-1" matches the id's pattern; the library reads it as the number -1 and refuses it.
        ValidatableRequest numeric = new ValidatableRequestImpl(Map.of(), Map.of(),
                Map.of("deliveryId", new RequestParameterImpl("-1")), Map.of());
        assertInstanceOf(ValidatorException.class,
                library.validate(numeric, "getDelivery").transform(Future::succeededFuture).await().cause());
        assertEquals("-1", onTheLoop.validate(numeric, "getDelivery").result().getPathParameters().get("deliveryId").getString());

        ValidatableRequest bad = new ValidatableRequestImpl(Map.of(), Map.of(),
                Map.of("deliveryId", new RequestParameterImpl("d-x/../y")), Map.of());
        Throwable expected = library.validate(bad, "getDelivery").transform(Future::succeededFuture).await().cause();
        ValidatorException refused = assertInstanceOf(ValidatorException.class, onTheLoop.validate(bad, "getDelivery").cause());
        assertEquals(assertInstanceOf(ValidatorException.class, expected).getMessage(), refused.getMessage());
        assertEquals(((ValidatorException) expected).type(), refused.type());
    }

    @Test
    void aStringParameterThatIsAlsoJsonOfAnotherTypeStaysAString() {
        ValidatableRequest request = new ValidatableRequestImpl(Map.of(),
                Map.of("Idempotency-Key", new RequestParameterImpl("1.5")), Map.of(), Map.of(),
                new RequestParameterImpl(Buffer.buffer(CREATE)), "application/json");
        // vertx-openapi 5.0.7 reads 1.5 as a number, which its string schema then refuses.
        assertInstanceOf(ValidatorException.class,
                library.validate(request, "createDelivery").transform(Future::succeededFuture).await().cause());
        assertEquals("1.5", onTheLoop.validate(request, "createDelivery").result()
                .getHeaders().get("Idempotency-Key").getString());
        // A JSON string in quotes is read as the library reads it.
        ValidatableRequest quoted = new ValidatableRequestImpl(Map.of(),
                Map.of("Idempotency-Key", new RequestParameterImpl("\"key-2\"")), Map.of(), Map.of(),
                new RequestParameterImpl(Buffer.buffer(CREATE)), "application/json");
        assertEquals(library.validate(quoted, "createDelivery").await().getHeaders().get("Idempotency-Key").getString(),
                onTheLoop.validate(quoted, "createDelivery").result().getHeaders().get("Idempotency-Key").getString());
    }

    private static ValidatableRequest create(String body) {
        return new ValidatableRequestImpl(Map.of(), Map.of("Idempotency-Key", new RequestParameterImpl("key-1")),
                Map.of(), Map.of(), new RequestParameterImpl(Buffer.buffer(body)), "application/json");
    }

    private static Map<String, Object> values(Map<String, RequestParameter> parameters) {
        java.util.TreeMap<String, Object> out = new java.util.TreeMap<>();
        parameters.forEach((name, p) -> out.put(name, p.get()));
        return out;
    }
}
