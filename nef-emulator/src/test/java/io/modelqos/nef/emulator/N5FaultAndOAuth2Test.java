package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault injection and OAuth2 on the N5 faces: the same fault plan as the NEF's (create, read,
 * modify, delete hit the PCF too; bind, discover and token hit the BSF and the NRF), and tokens of
 * the NRF with the right scope for the PCF and the BSF.
 */
class N5FaultAndOAuth2Test {

    private static final String AF_INSTANCE = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private static Vertx vertx;
    private static NefEmulator nef;
    private static NotificationReceiver receiver;
    private static T8Client client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getCapacity().setCells(1);
        options.getOauth2().setEnabled(true).setTokenTtlSeconds(60).addClient("nef-client", "secret");
        nef = NefEmulator.start(vertx, options).await();
        receiver = NotificationReceiver.startN5(vertx, ApiContract.load(vertx, ApiContract.Api.PCF).await());
        client = new T8Client(nef.apiRoot());
    }

    @AfterAll
    static void stop() {
        receiver.close();
        nef.close().await();
        vertx.close().await();
    }

    @AfterEach
    void clean() throws Exception {
        nef.clearFaults();
        client.bearer(token("npcf-policyauthorization"));
        for (String uri : nef.appSessionUris()) {
            client.send("POST", uri + "/delete", null, null);
        }
        client.bearer(null);
    }

    @Test
    void thePcfAndTheBsfTakeOnlyNrfTokensOfTheirScope() throws Exception {
        String body = T8Json.mapper().writeValueAsString(N5Requests.appSession(receiver.uri("auth"), "10.73.0.1",
                N5Requests.bandwidth("100 Mbps")));
        String sessions = N5Requests.appSessions(nef.apiRoot());
        T8Client.Response none = client.send("POST", sessions, body, "application/json");
        assertEquals(401, none.status());
        assertTrue(none.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));

        client.bearer(token("nbsf-management"));
        T8Client.Response wrongScope = client.send("POST", sessions, body, "application/json");
        assertEquals(403, wrongScope.status());
        assertTrue(wrongScope.header("WWW-Authenticate").orElseThrow().contains("insufficient_scope"));
        assertEquals(200, client.read(N5Requests.bindings(nef.apiRoot()) + "?ipv4Addr=10.73.0.1").status(), "the BSF's scope");

        client.bearer(nefClientToken());
        assertEquals(403, client.send("POST", sessions, body, "application/json").status(), "a NEF client's token has no scope");

        client.bearer(token("npcf-policyauthorization nbsf-management"));
        assertEquals(201, client.send("POST", sessions, body, "application/json").status());
        client.bearer(null);
        assertEquals(200, client.read(N5Requests.instances(nef.apiRoot()) + "?target-nf-type=BSF&requester-nf-type=AF").status(),
                "discovery needs no token");
    }

    @Test
    void theNefTakesOnlyItsClientsTokens() throws Exception {
        client.bearer(token("npcf-policyauthorization"));
        assertEquals(401, client.create("af-oauth", T8Client.subscription(receiver.uri("t8"), "10.73.0.2", "mq-gbr-50M")).status());
        client.bearer(nefClientToken());
        T8Client.Response ok = client.create("af-oauth", T8Client.subscription(receiver.uri("t8"), "10.73.0.2", "mq-gbr-50M"));
        assertEquals(201, ok.status());
        client.delete(ok.body().get("self").asText());
    }

    @Test
    void injectedErrorsHitThePcfOperations() throws Exception {
        nef.setFaults(FaultOptions.none().setErrors(Map.of(Operation.CREATE,
                List.of(new FaultOptions.ErrorFault(503, 1.0, 2, null, 1)))));
        client.bearer(token("npcf-policyauthorization"));
        String body = T8Json.mapper().writeValueAsString(N5Requests.appSession(receiver.uri("err"), "10.73.0.3",
                N5Requests.bandwidth("100 Mbps")));
        T8Client.Response first = client.send("POST", N5Requests.appSessions(nef.apiRoot()), body, "application/json");
        assertEquals(503, first.status());
        assertEquals("NF_CONGESTION", first.body().get("cause").asText());
        assertEquals("2", first.header("Retry-After").orElseThrow());
        assertEquals(201, client.send("POST", N5Requests.appSessions(nef.apiRoot()), body, "application/json").status(),
                "maxCount 1");
    }

    /**
     * A create whose answer is lost: the session exists at the PCF, the AF saw the connection
     * close; the same create again names it (303) instead of making a second one.
     */
    @Test
    void aConnectionDroppedAfterTheCreateLeavesTheSessionWhichTheSameCreateFindsAgain() throws Exception {
        nef.setFaults(FaultOptions.none().setDropConnection(Map.of(Operation.CREATE, new FaultOptions.DropFault(0, 1.0, 1))));
        client.bearer(token("npcf-policyauthorization"));
        String body = T8Json.mapper().writeValueAsString(N5Requests.appSession(receiver.uri("drop"), "10.73.0.4",
                N5Requests.bandwidth("100 Mbps")));
        assertThrows(IOException.class, () -> client.send("POST", N5Requests.appSessions(nef.apiRoot()), body, "application/json"));
        assertEquals(1, nef.appSessions().size());
        T8Client.Response again = client.send("POST", N5Requests.appSessions(nef.apiRoot()), body, "application/json");
        assertEquals(303, again.status(), again.raw().body());
        assertEquals(nef.appSessionUris().get(0), again.header("Location").orElseThrow());
        assertEquals(1, nef.appSessions().size());
    }

    @Test
    void theBsfTheNrfAndTheTokenEndpointHaveTheirOwnFaults() throws Exception {
        nef.setFaults(FaultOptions.none().setErrors(Map.of(
                Operation.BIND, List.of(FaultOptions.ErrorFault.always(500, null)),
                Operation.DISCOVER, List.of(FaultOptions.ErrorFault.always(503, null)),
                Operation.TOKEN, List.of(new FaultOptions.ErrorFault(429, 1.0, 1, null, 1)))));
        T8Client.Response token = client.form(nef.apiRoot() + "/oauth2/token", N5Requests.form("grant_type", "client_credentials",
                "nfInstanceId", AF_INSTANCE, "scope", "nbsf-management"), null);
        assertEquals(429, token.status());
        client.bearer(token("nbsf-management"));
        assertEquals(500, client.read(N5Requests.bindings(nef.apiRoot()) + "?ipv4Addr=10.73.0.5").status());
        assertEquals(503, client.read(N5Requests.instances(nef.apiRoot()) + "?target-nf-type=BSF&requester-nf-type=AF").status());
        ObjectNode state = T8Json.mapper().valueToTree(nef.faults());
        assertTrue(state.at("/errors/bind").isArray(), state.toString());
    }

    private static String token(String scope) throws Exception {
        T8Client.Response r = new T8Client(nef.apiRoot()).form(nef.apiRoot() + "/oauth2/token", N5Requests.form(
                "grant_type", "client_credentials", "nfInstanceId", AF_INSTANCE, "nfType", "AF", "scope", scope), null);
        assertEquals(200, r.status(), r.raw().body());
        return r.body().get("access_token").asText();
    }

    private static String nefClientToken() throws Exception {
        T8Client.Response r = new T8Client(nef.apiRoot()).form(nef.apiRoot() + "/oauth2/token", N5Requests.form(
                "grant_type", "client_credentials", "client_id", "nef-client", "client_secret", "secret"), null);
        assertEquals(200, r.status(), r.raw().body());
        return r.body().get("access_token").asText();
    }
}
