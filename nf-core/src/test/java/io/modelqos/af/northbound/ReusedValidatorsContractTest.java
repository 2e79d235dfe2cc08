package io.modelqos.af.northbound;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router's contract builds one validator per schema and it still judges every body by that schema. */
class ReusedValidatorsContractTest {
    private final Vertx vertx = EventLoopGuard.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void buildsOneValidatorPerSchemaAndReusesItForEveryBody() throws Exception {
        OpenAPIContract contract = RouterContract.load(vertx, NorthboundApi.CONTRACT)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        ReusedValidatorsContract reusing = assertInstanceOf(ReusedValidatorsContract.class, contract);
        Operation create = contract.operation("createDelivery");
        JsonSchema body = create.getRequestBody().getContent().get("application/json").getSchema();
        SchemaRepository repository = contract.getSchemaRepository();

        Validator first = repository.validator(body);
        Validator second = repository.validator(body);
        assertSame(first, second);
        assertEquals(1, reusing.validatorsBuilt());
        // Other schemas get validators of their own.
        JsonSchema pathParameter = contract.operation("getDelivery").getParameters().get(0).getSchema();
        assertNotSame(first, repository.validator(pathParameter));
        assertEquals(2, reusing.validatorsBuilt());

        // The reused validator judges each body afresh: a valid one, then an invalid one, then the valid one again.
        JsonObject valid = new JsonObject("""
                {"ue":{"ipv4Addr":"10.60.0.1"},"server":{"ipv4Addr":"192.0.2.10","port":443},
                 "model":{"name":"MobileNet","variants":[{"id":"m","precision":"FP32","sizeBytes":4200000}]},
                 "latencyBudgetMs":1000}""");
        JsonObject invalid = valid.copy().put("latencyBudgetMs", "soon");
        assertTrue(first.validate(valid).getValid());
        assertFalse(second.validate(invalid).getValid());
        assertTrue(second.validate(valid).getValid());
    }
}
