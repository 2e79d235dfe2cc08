package io.modelqos.e2e;

import io.modelqos.af.capif.CapifSouthbound;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.modelqos.e2e.AfThroughCapif.resnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AF against the emulator's CAPIF core function and the NEF behind it, with no NEF apiRoot nor NEF credentials
 * configured, as {@code ./modelqos serve --capif-root ... --capif-onboarding-token-file ...} runs it against
 * {@code ./modelqos nef-emulator --capif}: it onboards, discovers, gets a token and completes a delivery; a restart
 * with the same data directory does not onboard again; an invoker the operator revokes is onboarded exactly once
 * more, and no delivery is lost.
 */
class CapifOnTheEmulatorTest extends CapifEmulatorTestBase {

    @BeforeAll
    static void startPlainEmulator() {
        startEmulator(AfUnderTest.emulatorOptions());
    }

    private void startAf() throws Exception {
        startAf(Map.of());
    }

    @Test
    void theAfOnboardsDiscoversGetsATokenCompletesADeliveryAndARestartDoesNotOnboardAgain() throws Exception {
        startAf();
        assertEquals(1, onboardings());
        assertTrue(emulator.onboardedInvokerIds().contains(af.capif.credentials().apiInvokerId()));
        assertEquals(emulator.apiRoot(), af.capif.aef().apiRoot(), "the NEF's apiRoot came from discovery");

        Delivery created = af.client.deliveries().create(resnet("10.45.2.1"));
        assertEquals(DeliveryState.QOS_GRANTED, created.state(), created.toString());
        assertEquals(DeliveryState.COMPLETED, af.complete(created).state());

        stopAf();
        startAf();
        assertEquals(1, onboardings(), "the kept onboarding is reused");
        assertEquals(0, af.capif.onboardings());
        Delivery again = af.client.deliveries().create(resnet("10.45.2.2"));
        assertEquals(DeliveryState.QOS_GRANTED, again.state(), again.toString());
        assertEquals(DeliveryState.COMPLETED, af.complete(again).state());
    }

    @Test
    void aRevokedInvokerIsOnboardedExactlyOnceMoreAndNoDeliveryIsLost() throws Exception {
        startAf();
        String first = af.capif.credentials().apiInvokerId();
        Delivery before = af.client.deliveries().create(resnet("10.45.3.1"));
        assertEquals(DeliveryState.QOS_GRANTED, before.state(), before.toString());

        assertEquals(true, emulator.revokeInvoker(first));

        Delivery after = af.client.deliveries().create(resnet("10.45.3.2"));
        assertEquals(DeliveryState.QOS_GRANTED, after.state(), after.toString());
        assertEquals(2, onboardings(), "one re-onboarding");
        assertNotEquals(first, af.capif.credentials().apiInvokerId());
        Delivery third = af.client.deliveries().create(resnet("10.45.3.3"));
        assertEquals(DeliveryState.QOS_GRANTED, third.state(), third.toString());
        assertEquals(2, onboardings(), "and no more");

        assertEquals(DeliveryState.COMPLETED, af.complete(before).state(), "the delivery granted before the revocation");
        assertEquals(DeliveryState.COMPLETED, af.complete(after).state());
        assertEquals(DeliveryState.COMPLETED, af.complete(third).state());
    }

    @Test
    void capifsRevocationNoticeDropsTheNefTokenAndABadNoticeIsA400NamingTheField() throws Exception {
        startAf();
        String invoker = af.capif.credentials().apiInvokerId();
        String before = af.capif.tokens().token().await();
        assertEquals(before, af.capif.tokens().token().await(), "the token is cached");
        URI notifications = URI.create(af.af.callbackBase() + CapifSouthbound.NOTIFICATIONS_PATH);

        HttpResponse<String> noticed = post(notifications, "{\"apiInvokerId\":\"" + invoker + "\","
                + "\"aefId\":\"AEF-nef-emulator\",\"apiIds\":[\"as-session-with-qos\"],\"cause\":\"UNEXPECTED_REASON\"}");
        assertEquals(204, noticed.statusCode(), noticed.body());
        assertNotEquals(before, af.capif.tokens().token().await(), "a fresh token is asked for after the revocation");
        Delivery created = af.client.deliveries().create(resnet("10.45.4.1"));
        assertEquals(DeliveryState.QOS_GRANTED, created.state(), created.toString());

        HttpResponse<String> bad = post(notifications, "{\"apiInvokerId\":\"" + invoker + "\",\"cause\":7}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
        assertTrue(bad.body().contains("/cause"), bad.body());
        assertEquals(400, post(notifications, "[1]").statusCode());
        assertEquals(204, post(notifications, "{\"result\":true,\"resourceLocation\":\"x\"}").statusCode());
        assertEquals(1, onboardings(), "a notice onboards nothing");
    }

    private static HttpResponse<String> post(URI uri, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
