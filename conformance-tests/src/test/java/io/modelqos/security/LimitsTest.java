package io.modelqos.security;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the per-tenant limits over real HTTP: the rate limit (429 problem with Retry-After, per tenant) and the cap
 * on the aggregate GBR a tenant holds (422 problem naming the cap, nothing stored and nothing asked of the NEF).
 */
class LimitsTest {
    private static SecureAf env;

    @BeforeAll
    static void start() throws Exception {
        env = SecureAf.start(SecureAf.emulatorOptions(), Map.of(
                "auth.apiKeys", "tenant-rate:rate-0123456789abcdef,tenant-calm:calm-0123456789abcdef,"
                        + "tenant-cap:cap-0123456789abcdef",
                "limits.requestsPerSecond", "1",
                "limits.burst", "4",
                "limits.tenantGbrCaps.tenant-cap", "1 Gbps"));
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    @Test
    void aTenantOverItsRateGets429WithRetryAfterAndOthersDoNot() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(200, env.call("GET", "deliveries", "rate-0123456789abcdef", null).statusCode(), "burst " + i);
        }
        HttpResponse<String> limited = env.call("GET", "deliveries", "rate-0123456789abcdef", null);
        assertEquals(429, limited.statusCode());
        assertEquals("application/problem+json", limited.headers().firstValue("Content-Type").orElse(""));
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        assertTrue(new JsonObject(limited.body()).getString("detail").contains("rate limit"), limited.body());
        assertEquals(200, env.call("GET", "deliveries", "calm-0123456789abcdef", null).statusCode(), "another tenant");
        Thread.sleep(retryAfter * 1000);
        assertEquals(200, env.call("GET", "deliveries", "rate-0123456789abcdef", null).statusCode(), "after Retry-After");
    }

    @Test
    void aCreateBeyondTheTenantsGbrCapIsRefusedAndChangesNothing() throws Exception {
        String key = "cap-0123456789abcdef";
        HttpResponse<String> first = env.call("POST", "deliveries", key, SecureAf.validBody("10.45.2.1").encode());
        assertEquals(201, first.statusCode(), first.body());
        String firstId = new JsonObject(first.body()).getString("deliveryId");
        String held = new JsonObject(first.body()).getJsonObject("granted").getString("gbrDl");
        int subscriptions = env.emulator.liveSubscriptionCount();

        HttpResponse<String> second = env.call("POST", "deliveries", key, SecureAf.validBody("10.45.2.2").encode(),
                "Idempotency-Key", "cap-second");
        assertEquals(422, second.statusCode(), second.body());
        assertEquals("application/problem+json", second.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = new JsonObject(second.body());
        assertTrue(problem.getString("detail").contains("aggregate GBR cap of 1 Gbps"), problem.encode());
        assertTrue(problem.getString("detail").contains(held), "names what the tenant holds: " + problem.encode());
        assertNotNull(problem.getJsonObject("bestOffer").getString("acceptableRate"), "the headroom left");
        assertEquals(subscriptions, env.emulator.liveSubscriptionCount(), "nothing asked of the NEF");

        assertEquals(200, env.call("DELETE", "deliveries/" + firstId, key, null).statusCode());
        HttpResponse<String> retried = env.call("POST", "deliveries", key, SecureAf.validBody("10.45.2.2").encode(),
                "Idempotency-Key", "cap-second");
        assertEquals(201, retried.statusCode(), "the refused create left no idempotency record: " + retried.body());
    }
}
