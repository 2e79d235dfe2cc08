package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.modelqos.openapi.validation.ExamplePayloads;
import io.modelqos.testing.Await;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The other direction, NEF to AF: the published UserPlaneNotificationData examples (events of a later release
 * included) POSTed, as a NEF would, to a callback receiver standing in for the AF's notification endpoint, which
 * reads them with the AF's models and answers 204. Each exchange is recorded ({@code nef-to-af}) and checked
 * against the {@code notificationDestination} callback of the API.
 */
class NotificationConformanceTest {

    private static final String CALLBACK_PATH = "/nef-callbacks/v1/dl-7f3a";

    private static Vertx vertx;
    private static HttpServer receiver;
    private static WebClient nef;
    private static final AtomicReference<Received> last = new AtomicReference<>();

    /** What the receiver got and made of it. */
    private record Received(MultiMap headers, String body, UserPlaneNotificationData parsed) {
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = EventLoopGuard.vertx();
        receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            UserPlaneNotificationData parsed = null;
            try {
                parsed = T8Json.mapper().readValue(body.getBytes(), UserPlaneNotificationData.class);
            } catch (Exception e) {
                // answered with 400 below
            }
            last.set(new Received(req.headers(), body.toString(), parsed));
            if (parsed == null || parsed.getTransaction() == null || parsed.getEventReports() == null
                    || parsed.getEventReports().isEmpty()) {
                req.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                        .end("{\"status\":400,\"cause\":\"INVALID_MSG_FORMAT\"}");
            } else {
                req.response().setStatusCode(204).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        nef = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        nef.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @TestFactory
    Stream<DynamicTest> everyExampleNotificationIsAcceptedAndConforms() {
        List<ExamplePayloads.Example> examples = ExamplePayloads.valid().stream()
                .filter(e -> e.schemaName().equals("UserPlaneNotificationData"))
                .toList();
        assertFalse(examples.isEmpty(), "the openapi test-jar publishes notification examples");
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.fileName(), () -> deliver(e)));
    }

    private static void deliver(ExamplePayloads.Example example) throws Exception {
        String uri = "http://127.0.0.1:" + receiver.actualPort() + CALLBACK_PATH;
        last.set(null);
        HttpResponse<Buffer> answer = Await.result(nef.postAbs(uri)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json, application/problem+json")
                .sendBuffer(Buffer.buffer(example.json())));
        Received got = last.get();
        assertNotNull(got, "the receiver saw the notification");

        NefExchange exchange = new NefExchange(NefExchange.NEF_TO_AF, "POST", uri, headers(got.headers()), got.body(),
                answer.statusCode(), headers(answer.headers()), answer.bodyAsString(),
                NotificationConformanceTest.class.getSimpleName() + "." + example.fileName(), null);
        TrafficLog.write(exchange);
        List<String> errors = ExchangeChecks.errors(exchange);
        assertTrue(errors.isEmpty(), String.join("\n", errors));

        assertEquals(204, answer.statusCode());
        JsonNode sent = T8Json.mapper().readTree(example.json());
        assertEquals(sent.get("transaction").asText(), got.parsed().getTransaction());
        List<UserPlaneEventReport> reports = got.parsed().getEventReports();
        assertEquals(sent.get("eventReports").size(), reports.size());
        for (int i = 0; i < reports.size(); i++) {
            String event = sent.get("eventReports").get(i).get("event").asText();
            UserPlaneEvent expected = known(event) ? UserPlaneEvent.fromValue(event) : UserPlaneEvent.UNKNOWN_DEFAULT_OPEN_API;
            assertEquals(expected, reports.get(i).getEvent(), "event " + i);
        }
    }

    private static boolean known(String event) {
        for (UserPlaneEvent e : UserPlaneEvent.values()) {
            if (e != UserPlaneEvent.UNKNOWN_DEFAULT_OPEN_API && e.toString().equals(event)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : headers.names()) {
            map.put(name, new ArrayList<>(headers.getAll(name)));
        }
        return map;
    }
}
