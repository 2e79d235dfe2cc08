package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Verifies that the bundled contract keeps the schemas of the project's files and their constraints. */
class ApiContractTest {

    private static Vertx vertx;
    private static ApiContract contract;

    @BeforeAll
    static void load() {
        vertx = Vertx.vertx();
        contract = ApiContract.load(vertx).await();
    }

    @AfterAll
    static void close() {
        vertx.close().await();
    }

    @Test
    void hasAllSixOperations() {
        for (Operation op : java.util.EnumSet.range(Operation.CREATE, Operation.DELETE)) {
            assertEquals(op.operationId(), contract.contract().operation(op.operationId()).getOperationId());
        }
    }

    @Test
    void notificationSchemaKeepsItsRequiredMembersAndPatterns() {
        JsonObject valid = new JsonObject().put("transaction", "http://nef/x").put("eventReports", new JsonArray()
                .add(new JsonObject().put("event", "QOS_MONITORING").put("qosMonDatRateReps", new JsonArray()
                        .add(new JsonObject().put("dlDataRate", "1.5 Gbps")))));
        JsonObject noReports = new JsonObject().put("transaction", "http://nef/x");
        JsonObject badRate = valid.copy();
        badRate.getJsonArray("eventReports").getJsonObject(0).getJsonArray("qosMonDatRateReps").getJsonObject(0)
                .put("dlDataRate", "1.5 Gbit/s");
        JsonObject futureEvent = valid.copy();
        futureEvent.getJsonArray("eventReports").getJsonObject(0).put("event", "SOME_REL19_EVENT");

        assertTrue(contract.validate("UserPlaneNotificationData", valid).getValid());
        assertFalse(contract.validate("UserPlaneNotificationData", noReports).getValid());
        assertFalse(contract.validate("UserPlaneNotificationData", badRate).getValid());
        assertTrue(contract.validate("UserPlaneNotificationData", futureEvent).getValid(), "extensible enumeration");
    }

    @Test
    void patchableAttributesAreThoseOfThePatchSchema() {
        assertTrue(contract.patchableAttributes().contains("qosReference"));
        assertTrue(contract.patchableAttributes().contains("notificationDestination"));
        assertFalse(contract.patchableAttributes().contains("ueIpv4Addr"));
        assertFalse(contract.patchableAttributes().contains("supportedFeatures"));
    }
}
