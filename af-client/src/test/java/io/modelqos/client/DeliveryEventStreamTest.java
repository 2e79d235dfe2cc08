package io.modelqos.client;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.client.WireMockClients.DELIVERY_ID;
import static io.modelqos.client.WireMockClients.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.modelqos.client.model.DeliveryEvent;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.EventType;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verifies that an event subscription parses the SSE stream, reconnects where it left off and stops when due. */
class DeliveryEventStreamTest {

    private static final String EVENTS = "/model-delivery/v1/deliveries/" + DELIVERY_ID + "/events";

    @RegisterExtension
    static final WireMockExtension AF = WireMockClients.wireMock();

    private final List<DeliveryEvent> received = new CopyOnWriteArrayList<>();
    private ModelQosClient client;

    @BeforeEach
    void buildClient() {
        client = WireMockClients.clientFor(AF).build();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stream(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static void await(Subscription subscription) throws Exception {
        subscription.completion().get(5, TimeUnit.SECONDS);
    }

    @Test
    void handsTypedEventsToTheListenerAndStopsAfterTheFinalOne() throws Exception {
        AF.stubFor(get(EVENTS).willReturn(stream(
                Bodies.sseMessage(DELIVERY_ID, 1, "qos-granted", "QOS_GRANTED")
                        + ": a comment\n\n"
                        + Bodies.sseMessage(DELIVERY_ID, 2, "rate-report", "QOS_GRANTED")
                        + Bodies.sseMessage(DELIVERY_ID, 3, "completed", "COMPLETED"))));

        await(client.deliveries().events(DELIVERY_ID, received::add));

        assertEquals(List.of(EventType.QOS_GRANTED, EventType.RATE_REPORT, EventType.COMPLETED),
                received.stream().map(DeliveryEvent::type).toList());
        DeliveryEvent first = received.get(0);
        assertEquals("/modelqos/af", first.source());
        assertEquals(DELIVERY_ID, first.subject());
        assertEquals(1, first.sequence());
        assertEquals(Instant.parse("2025-11-27T13:35:01Z"), first.time());
        assertEquals("860 Mbps", first.data().gbrDl());
        AF.verify(1, getRequestedFor(urlEqualTo(EVENTS))
                .withHeader("Accept", equalTo("text/event-stream"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Last-Event-ID", absent()));
    }

    @Test
    void reconnectsWithLastEventIdAfterAStreamEndsWithoutTheFinalEvent() throws Exception {
        AF.stubFor(get(EVENTS).withHeader("Last-Event-ID", absent()).willReturn(stream(
                Bodies.sseMessage(DELIVERY_ID, 1, "qos-granted", "QOS_GRANTED")
                        + Bodies.sseMessage(DELIVERY_ID, 2, "qos-degraded", "DEGRADED"))));
        AF.stubFor(get(EVENTS).withHeader("Last-Event-ID", equalTo("2")).willReturn(stream(
                Bodies.sseMessage(DELIVERY_ID, 3, "qos-restored", "QOS_GRANTED")
                        + Bodies.sseMessage(DELIVERY_ID, 4, "expired", "EXPIRED"))));

        await(client.deliveries().events(DELIVERY_ID, received::add));

        assertEquals(List.of(1L, 2L, 3L, 4L), received.stream().map(DeliveryEvent::sequence).toList());
        AF.verify(2, getRequestedFor(urlEqualTo(EVENTS)));
    }

    @Test
    void skipsEventsItAlreadyHandedOverWhenTheServerRepeatsThem() throws Exception {
        AF.stubFor(get(EVENTS).withHeader("Last-Event-ID", absent()).willReturn(stream(
                Bodies.sseMessage(DELIVERY_ID, 1, "qos-granted", "QOS_GRANTED"))));
        AF.stubFor(get(EVENTS).withHeader("Last-Event-ID", equalTo("1")).willReturn(stream(
                Bodies.sseMessage(DELIVERY_ID, 1, "qos-granted", "QOS_GRANTED")
                        + Bodies.sseMessage(DELIVERY_ID, 2, "failed", "FAILED"))));

        await(client.deliveries().events(DELIVERY_ID, received::add));

        assertEquals(List.of(1L, 2L), received.stream().map(DeliveryEvent::sequence).toList());
    }

    @Test
    void stopsWhenAStreamEndsEmptyAndTheDeliveryHasEnded() throws Exception {
        AF.stubFor(get(EVENTS).willReturn(stream("")));
        AF.stubFor(get("/model-delivery/v1/deliveries/" + DELIVERY_ID)
                .willReturn(okJson(Bodies.deliveryJson(DELIVERY_ID, DeliveryState.CANCELLED.name()))));

        await(client.deliveries().events(DELIVERY_ID, received::add));

        assertTrue(received.isEmpty());
        AF.verify(1, getRequestedFor(urlEqualTo(EVENTS)));
    }

    @Test
    void failsWithNotFoundForAnUnknownDelivery() {
        AF.stubFor(get(EVENTS).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"title\": \"Not Found\", \"status\": 404}")));

        Subscription subscription = client.deliveries().events(DELIVERY_ID, received::add);

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(subscription));
        assertInstanceOf(NotFoundException.class, e.getCause());
        AF.verify(1, getRequestedFor(urlEqualTo(EVENTS)));
    }

    @Test
    void givesUpAfterTheEventRetryPolicysAttempts() {
        AF.stubFor(get(EVENTS).willReturn(aResponse().withStatus(503)));

        Subscription subscription = client.deliveries().events(DELIVERY_ID, received::add);

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(subscription));
        assertInstanceOf(UnavailableException.class, e.getCause());
        AF.verify(3, getRequestedFor(urlEqualTo(EVENTS)));
    }

    @Test
    void failsOnAnEventItCannotRead() {
        AF.stubFor(get(EVENTS).willReturn(stream("id: 1\nevent: io.modelqos.delivery.qos-granted\ndata: {not json\n\n")));

        Subscription subscription = client.deliveries().events(DELIVERY_ID, received::add);

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(subscription));
        assertTrue(e.getCause().getMessage().startsWith("GET /deliveries/" + DELIVERY_ID
                + "/events sent an event this SDK cannot read (id 1)"), e.getCause().getMessage());
        assertTrue(received.isEmpty());
    }

    @Test
    void endsWithTheListenersException() {
        AF.stubFor(get(EVENTS).willReturn(stream(Bodies.sseMessage(DELIVERY_ID, 1, "qos-granted", "QOS_GRANTED"))));
        IllegalStateException thrown = new IllegalStateException("listener broke");

        Subscription subscription = client.deliveries().events(DELIVERY_ID, event -> {
            throw thrown;
        });

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(subscription));
        assertSame(thrown, e.getCause());
    }

    @Test
    void closeStopsAnOpenStream() throws Exception {
        String first = Bodies.sseMessage(DELIVERY_ID, 1, "qos-granted", "QOS_GRANTED");
        // Two chunks, a second apart: the first carries event 1 (and a comment), the second the final event.
        String padding = ":" + "x".repeat(first.length()) + "\n\n";
        String last = Bodies.sseMessage(DELIVERY_ID, 2, "completed", "COMPLETED");
        AF.stubFor(get(EVENTS).willReturn(stream(first + padding + last + ":" + "y".repeat(padding.length()) + "\n\n")
                .withChunkedDribbleDelay(2, 2000)));
        CountDownLatch firstEvent = new CountDownLatch(1);

        Subscription subscription = client.deliveries().events(DELIVERY_ID, event -> {
            received.add(event);
            firstEvent.countDown();
        });
        assertTrue(firstEvent.await(5, TimeUnit.SECONDS), "no first event");
        subscription.close();

        await(subscription);
        Thread.sleep(1500);
        assertEquals(1, received.size());
        AF.verify(1, getRequestedFor(urlEqualTo(EVENTS)));
    }
}
