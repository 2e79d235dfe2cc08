package io.modelqos.client.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.modelqos.client.Bodies;
import io.modelqos.client.model.DeliveryEvent;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.EventType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verifies that the webhook receiver, served by the JDK's web server, takes good events once and refuses others. */
class WebhookReceiverTest {

    private static final String TOKEN = "n0tify-t0ken";
    private static final List<DeliveryEvent> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean LISTENER_FAILS = new AtomicBoolean();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpServer server;
    private static URI endpoint;

    @BeforeAll
    static void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/events", WebhookReceiver.create(TOKEN).httpHandler(event -> {
            if (LISTENER_FAILS.get()) {
                throw new IllegalStateException("listener down");
            }
            RECEIVED.add(event);
        }));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @BeforeEach
    void forgetEvents() {
        RECEIVED.clear();
        LISTENER_FAILS.set(false);
    }

    private static HttpResponse<String> post(String authorization, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String deliveryId, long sequence) {
        return Bodies.eventJson(deliveryId, sequence, "qos-granted", "QOS_GRANTED");
    }

    @Test
    void takesAnEventWithTheRightTokenAndHandsItOverTyped() throws Exception {
        HttpResponse<String> response = post("Bearer " + TOKEN, "application/cloudevents+json", event("d-1", 1));

        assertEquals(204, response.statusCode());
        assertEquals(1, RECEIVED.size());
        DeliveryEvent event = RECEIVED.get(0);
        assertEquals(EventType.QOS_GRANTED, event.type());
        assertEquals("d-1-1", event.id());
        assertEquals(DeliveryState.QOS_GRANTED, event.data().state());
    }

    @Test
    void takesPlainJsonWithACharset() throws Exception {
        HttpResponse<String> response = post("bearer " + TOKEN, "application/json; charset=utf-8", event("d-2", 1));

        assertEquals(204, response.statusCode());
        assertEquals(1, RECEIVED.size());
    }

    @Test
    void refusesAWrongTokenWith401() throws Exception {
        HttpResponse<String> response = post("Bearer not-" + TOKEN, "application/cloudevents+json", event("d-3", 1));

        assertEquals(401, response.statusCode());
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(RECEIVED.isEmpty());
    }

    @Test
    void refusesAMissingTokenWith401() throws Exception {
        assertEquals(401, post(null, "application/cloudevents+json", event("d-4", 1)).statusCode());
        assertEquals(401, post("Basic " + TOKEN, "application/cloudevents+json", event("d-4", 1)).statusCode());
        assertTrue(RECEIVED.isEmpty());
    }

    @Test
    void refusesAnotherContentTypeWith415() throws Exception {
        HttpResponse<String> response = post("Bearer " + TOKEN, "text/plain", event("d-5", 1));

        assertEquals(415, response.statusCode());
        assertTrue(response.body().contains("application/cloudevents+json"), response.body());
        assertTrue(RECEIVED.isEmpty());
    }

    @Test
    void refusesABodyThatIsNotACloudEventWith400() throws Exception {
        assertEquals(400, post("Bearer " + TOKEN, "application/cloudevents+json", "{\"id\": ").statusCode());
        assertEquals(400, post("Bearer " + TOKEN, "application/cloudevents+json",
                "{\"specversion\": \"1.0\", \"source\": \"/modelqos/af\"}").statusCode());
        assertTrue(RECEIVED.isEmpty());
    }

    @Test
    void handsARepeatedEventOverOnceAndAcceptsTheRepeat() throws Exception {
        assertEquals(204, post("Bearer " + TOKEN, "application/cloudevents+json", event("d-6", 1)).statusCode());
        assertEquals(204, post("Bearer " + TOKEN, "application/cloudevents+json", event("d-6", 1)).statusCode());
        assertEquals(204, post("Bearer " + TOKEN, "application/cloudevents+json", event("d-6", 2)).statusCode());

        assertEquals(List.of("d-6-1", "d-6-2"), RECEIVED.stream().map(DeliveryEvent::id).toList());
    }

    @Test
    void answers500WhenTheListenerFailsAndTakesTheEventWhenSentAgain() throws Exception {
        LISTENER_FAILS.set(true);
        assertEquals(500, post("Bearer " + TOKEN, "application/cloudevents+json", event("d-7", 1)).statusCode());

        LISTENER_FAILS.set(false);
        assertEquals(204, post("Bearer " + TOKEN, "application/cloudevents+json", event("d-7", 1)).statusCode());
        assertEquals(1, RECEIVED.size());
    }

    @Test
    void refusesOtherMethodsWith405() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void receiveThrowsARejectionCarryingTheStatus() {
        WebhookReceiver receiver = WebhookReceiver.create(TOKEN);
        byte[] body = event("d-8", 1).getBytes(StandardCharsets.UTF_8);

        WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                () -> receiver.receive("Bearer wrong", "application/cloudevents+json", body, RECEIVED::add));

        assertEquals(401, e.status());
        assertEquals("the bearer token is not the notification token", e.getMessage());
        assertTrue(receiver.receive("Bearer " + TOKEN, "application/cloudevents+json", body, RECEIVED::add));
        assertFalse(receiver.receive("Bearer " + TOKEN, "application/cloudevents+json", body, RECEIVED::add));
    }
}
