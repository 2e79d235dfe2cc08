package io.modelqos.e2e;

import io.modelqos.client.model.Delivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Open event streams are bounded per delivery and per tenant: beyond, a 429 problem naming the limit; a close frees one. */
class EventStreamLimitsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AfUnderTest env;

    @BeforeAll
    static void start() throws Exception {
        env = AfUnderTest.withEmulator(AfUnderTest.emulatorOptions(),
                Map.of("limits.eventStreamsPerDelivery", "2", "limits.eventStreamsPerTenant", "3"));
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    @Test
    void streamsBeyondTheLimitsGet429AndAClosedStreamFreesItsPlace() throws Exception {
        Delivery a = env.client.deliveries().create(AfUnderTest.request("10.47.0.1"));
        Delivery b = env.client.deliveries().create(AfUnderTest.request("10.47.0.2"));
        List<InputStream> open = new ArrayList<>();
        try {
            open.add(openStream(a));
            open.add(openStream(a));
            HttpResponse<String> third = refused(a);
            assertEquals(429, third.statusCode(), third.body());
            assertTrue(third.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(third.body().contains("limits.eventStreamsPerDelivery"), third.body());

            open.add(openStream(b));
            HttpResponse<String> fourth = refused(b);
            assertEquals(429, fourth.statusCode(), fourth.body());
            assertTrue(fourth.body().contains("limits.eventStreamsPerTenant"), fourth.body());

            open.remove(0).close(); // the caller goes away: its place is free again
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            HttpResponse<InputStream> again;
            do {
                again = HTTP.send(streamRequest(b), HttpResponse.BodyHandlers.ofInputStream());
                if (again.statusCode() != 200) {
                    again.body().close();
                    Thread.sleep(50);
                }
            } while (again.statusCode() != 200 && System.nanoTime() < deadline);
            assertEquals(200, again.statusCode(), "a stream closed by its caller frees its place");
            open.add(again.body());
        } finally {
            for (InputStream in : open) {
                in.close();
            }
            env.client.deliveries().cancel(a.deliveryId());
            env.client.deliveries().cancel(b.deliveryId());
        }
    }

    private static InputStream openStream(Delivery d) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(streamRequest(d), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static HttpResponse<String> refused(Delivery d) throws Exception {
        return HTTP.send(streamRequest(d), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest streamRequest(Delivery d) {
        return HttpRequest.newBuilder(URI.create(env.afRoot() + "/model-delivery/v1/deliveries/" + d.deliveryId()
                + "/events")).header("Accept", "text/event-stream").GET().build();
    }
}
