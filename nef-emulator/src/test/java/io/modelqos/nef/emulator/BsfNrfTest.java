package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BSF (GET pcfBindings) and the NRF (GET nf-instances, POST /oauth2/token) over HTTP: an AF
 * finds the emulator's PCF through them, and gets a token for it.
 */
class BsfNrfTest {

    private static Vertx vertx;
    private static NefEmulator nef;
    private static T8Client client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getN5().setUnboundUes(List.of("10.72.0.99", "2001:DB8::99")).setDiscoveryValidityPeriodSeconds(600);
        nef = NefEmulator.start(vertx, options).await();
        client = new T8Client(nef.apiRoot());
    }

    @AfterAll
    static void stop() {
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void theBindingNamesTheEmulatorsPcf() throws Exception {
        T8Client.Response r = client.read(N5Requests.bindings(nef.apiRoot()) + "?ipv4Addr=10.72.0.1&dnn=internet&snssai="
                + T8Client.urlEncode("{\"sst\":1,\"sd\":\"000001\"}"));
        assertEquals(200, r.status(), r.raw().body());
        assertEquals("10.72.0.1", r.body().get("ipv4Addr").asText());
        assertEquals("internet", r.body().get("dnn").asText());
        assertEquals("000001", r.body().at("/snssai/sd").asText());
        assertEquals(N5Options.DEFAULT_PCF_INSTANCE_ID, r.body().get("pcfId").asText());
        JsonNode endpoint = r.body().at("/pcfIpEndPoints/0");
        URI root = URI.create(nef.apiRoot());
        assertEquals(root.getHost(), endpoint.get("ipv4Address").asText());
        assertEquals(nef.port(), endpoint.get("port").asInt());
        assertEquals("TCP", endpoint.get("transport").asText());
    }

    @Test
    void aLookupWithoutDnnOrSliceGetsTheConfiguredOnes() throws Exception {
        T8Client.Response r = client.read(N5Requests.bindings(nef.apiRoot()) + "?ipv6Prefix="
                + T8Client.urlEncode("2001:db8::1/128"));
        assertEquals(200, r.status(), r.raw().body());
        assertEquals("internet", r.body().get("dnn").asText());
        assertEquals(1, r.body().at("/snssai/sst").asInt());
        assertEquals("2001:db8::1/128", r.body().get("ipv6Prefix").asText());
    }

    @Test
    void anUnboundUeHasNoBinding() throws Exception {
        assertEquals(204, client.read(N5Requests.bindings(nef.apiRoot()) + "?ipv4Addr=10.72.0.99").status());
        assertEquals(204, client.read(N5Requests.bindings(nef.apiRoot()) + "?ipv6Prefix="
                + T8Client.urlEncode("2001:db8::99/128")).status());
    }

    @Test
    void aLookupMustNameTheUeWellFormed() throws Exception {
        T8Client.Response none = client.read(N5Requests.bindings(nef.apiRoot()) + "?dnn=internet");
        assertEquals(400, none.status());
        assertEquals("application/problem+json", none.header("Content-Type").orElseThrow());
        assertEquals(400, client.read(N5Requests.bindings(nef.apiRoot()) + "?ipv4Addr=10.72.0.256").status());
        T8Client.Response badSlice = client.read(N5Requests.bindings(nef.apiRoot()) + "?ipv4Addr=10.72.0.1&snssai="
                + T8Client.urlEncode("{\"sst\":1,\"sd\":\"xyz\"}"));
        assertEquals(400, badSlice.status());
        assertEquals("snssai", badSlice.body().at("/invalidParams/0/param").asText());
    }

    @Test
    void discoveryFindsTheBsfAndThePcf() throws Exception {
        T8Client.Response bsf = client.read(N5Requests.instances(nef.apiRoot())
                + "?target-nf-type=BSF&requester-nf-type=AF&service-names=nbsf-management");
        assertEquals(200, bsf.status(), bsf.raw().body());
        assertEquals(600, bsf.body().get("validityPeriod").asInt());
        assertEquals("max-age=600", bsf.header("Cache-Control").orElseThrow());
        JsonNode profile = bsf.body().at("/nfInstances/0");
        assertEquals("BSF", profile.get("nfType").asText());
        assertEquals(N5Options.DEFAULT_BSF_INSTANCE_ID, profile.get("nfInstanceId").asText());
        assertEquals("REGISTERED", profile.get("nfStatus").asText());
        JsonNode service = profile.at("/nfServices/0");
        assertEquals("nbsf-management", service.get("serviceName").asText());
        assertEquals("http", service.get("scheme").asText());
        assertEquals("v1", service.at("/versions/0/apiVersionInUri").asText());
        assertEquals(nef.port(), service.at("/ipEndPoints/0/port").asInt());
        assertEquals(service, profile.at("/nfServiceList/nbsf-management-1"));

        T8Client.Response pcf = client.read(N5Requests.instances(nef.apiRoot()) + "?target-nf-type=PCF&requester-nf-type=AF");
        assertEquals("npcf-policyauthorization", pcf.body().at("/nfInstances/0/nfServices/0/serviceName").asText());
        assertEquals(N5Options.DEFAULT_PCF_INSTANCE_ID, pcf.body().at("/nfInstances/0/nfInstanceId").asText());
    }

    @Test
    void discoveryOfAnythingElseFindsNothing() throws Exception {
        T8Client.Response amf = client.read(N5Requests.instances(nef.apiRoot()) + "?target-nf-type=AMF&requester-nf-type=AF");
        assertEquals(200, amf.status());
        assertEquals(0, amf.body().get("nfInstances").size());
        T8Client.Response wrongService = client.read(N5Requests.instances(nef.apiRoot())
                + "?target-nf-type=BSF&requester-nf-type=AF&service-names=npcf-policyauthorization");
        assertEquals(0, wrongService.body().get("nfInstances").size());
        T8Client.Response noRequester = client.read(N5Requests.instances(nef.apiRoot()) + "?target-nf-type=BSF");
        assertEquals(400, noRequester.status(), "requester-nf-type is required");
        assertTrue(noRequester.raw().body().contains("requester-nf-type"), noRequester.raw().body());
    }

    @Test
    void theNrfIssuesTokensForTheEmulatorsServices() throws Exception {
        T8Client.Response token = client.form(nef.apiRoot() + "/oauth2/token", N5Requests.form("grant_type", "client_credentials",
                "nfInstanceId", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "nfType", "AF", "targetNfType", "PCF",
                "scope", "npcf-policyauthorization"), null);
        assertEquals(200, token.status(), token.raw().body());
        assertEquals("Bearer", token.body().get("token_type").asText());
        assertEquals("npcf-policyauthorization", token.body().get("scope").asText());
        assertEquals(3600, token.body().get("expires_in").asInt());
        assertEquals("no-store", token.header("Cache-Control").orElseThrow());
        assertEquals("no-cache", token.header("Pragma").orElseThrow());

        T8Client.Response unknownScope = client.form(nef.apiRoot() + "/oauth2/token", N5Requests.form("grant_type",
                "client_credentials", "nfInstanceId", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "scope", "nudm-sdm"), null);
        assertEquals(400, unknownScope.status());
        assertEquals("invalid_scope", unknownScope.body().get("error").asText());
        T8Client.Response badId = client.form(nef.apiRoot() + "/oauth2/token", N5Requests.form("grant_type",
                "client_credentials", "nfInstanceId", "af-1", "scope", "nbsf-management"), null);
        assertEquals("invalid_request", badId.body().get("error").asText());
        T8Client.Response nefStyle = client.form(nef.apiRoot() + "/oauth2/token", N5Requests.form("grant_type",
                "client_credentials", "client_id", "af", "client_secret", "x"), null);
        assertEquals(404, nefStyle.status(), "the NEF's own client credentials need oauth2.enabled");
        assertFalse(token.raw().body().isEmpty());
    }
}
