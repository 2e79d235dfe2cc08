package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.validation.SpecValidator;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies that what the emulator answers and what it notifies conforms to TS 29.122: a scenario
 * of every operation (successes and errors) and every notification kind is recorded, then checked
 * with the project's SpecValidator against the project's files and, when {@code threegpp.spec.dir}
 * names them, the official Rel-18 files.
 */
class ConformanceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** One recorded exchange; {@code requestValid} false for requests that are wrong on purpose. */
    private record Exchange(SpecValidator.HttpRequest request, SpecValidator.HttpResponse response,
                            boolean requestValid) {
    }

    private static final List<Exchange> EXCHANGES = new ArrayList<>();
    private static final List<String> NOTIFICATIONS = new ArrayList<>();

    private static Vertx vertx;
    private static NefEmulator nef;
    private static NotificationReceiver receiver;
    private static T8Client client;

    @BeforeAll
    static void recordScenario() throws Exception {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getCapacity().setCells(1).setRejectRetryAfterSeconds(5);
        options.getNotifications().setAllocationDelayMs(5).setMonitoringPeriodMs(50);
        options.setFaults(FaultOptions.none().setQosDegradation(new FaultOptions.QosDegradation(1.0, 50, 100, 0.5)));
        nef = NefEmulator.start(vertx, options).await();
        receiver = NotificationReceiver.start(vertx, ApiContract.load(vertx).await());
        client = new T8Client(nef.apiRoot());

        ObjectNode sub = T8Client.subscription(receiver.uri("conf"), "10.99.0.1", "mq-gbr-1G",
                "SUCCESSFUL_RESOURCES_ALLOCATION", "QOS_MONITORING", "USAGE_REPORT", "QOS_NOT_GUARANTEED",
                "QOS_GUARANTEED", "SESSION_TERMINATION");
        sub.putArray("altQoSReferences").add("mq-gbr-500M");
        ObjectNode rate = sub.putObject("qosMonDatRate");
        rate.putArray("reqQosMonParams").add("DOWNLINK_DATA_RATE");
        rate.putArray("repFreqs").add("PERIODIC");
        ObjectNode delay = sub.putObject("qosMonInfo");
        delay.putArray("reqQosMonParams").add("DOWNLINK");
        delay.putArray("repFreqs").add("PERIODIC");
        sub.putObject("usageThreshold").put("downlinkVolume", 2_000_000L);
        sub.put("qosDuration", 1);
        String self = exchange("POST", client.subscriptions("af-conf"), "application/json", sub).body().get("self").asText();

        exchange("GET", self, null, null);
        exchange("GET", client.subscriptions("af-conf") + "?ip-addrs="
                + T8Client.urlEncode("[{\"ipv4Addr\":\"10.99.0.1\"}]"), null, null);
        exchange("POST", client.subscriptions("af-conf"), "application/json",
                T8Client.subscription(receiver.uri("other"), "10.99.0.2", "mq-gbr-2G"));               // 403
        exchange("POST", client.subscriptions("af-conf"), "application/json",
                T8Client.subscription("not a uri", "10.99.0.3", "mq-gbr-50M"));                        // 400
        String small = exchange("POST", client.subscriptions("af-conf"), "application/json",
                T8Client.subscription(receiver.uri("other"), "10.99.0.4", "mq-gbr-50M")).body().get("self").asText();
        ObjectNode replacement = T8Client.subscription(receiver.uri("other"), "10.99.0.4", "mq-gbr-200M");
        exchange("PUT", small, "application/json", replacement);
        exchange("PATCH", small, "application/merge-patch+json",
                T8Json.mapper().createObjectNode().put("qosReference", "mq-gbr-50M").putNull("usageThreshold"));
        exchange("PATCH", small, "application/json", T8Json.mapper().createObjectNode());              // 415
        exchange("DELETE", small, null, null);
        exchange("GET", small, null, null);                                                            // 404

        for (String event : List.of("SUCCESSFUL_RESOURCES_ALLOCATION", "QOS_MONITORING", "USAGE_REPORT",
                "QOS_NOT_GUARANTEED", "QOS_GUARANTEED", "SESSION_TERMINATION")) {
            NOTIFICATIONS.add(receiver.await("conf", event, WAIT).body().encode());
        }
    }

    @AfterAll
    static void stop() {
        receiver.close();
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void theScenarioCoveredWhatItShould() {
        List<Integer> statuses = EXCHANGES.stream().map(e -> e.response().status()).toList();
        assertEquals(List.of(201, 200, 200, 403, 400, 201, 200, 200, 415, 200, 404), statuses);
        assertEquals(6, NOTIFICATIONS.size());
    }

    @Test
    void answersMatchTheProjectContract() {
        assertConforms(SpecValidator.project());
    }

    @Test
    void answersMatchTheOfficialRel18Files() {
        Optional<Path> dir = officialDir();
        assumeTrue(dir.isPresent(), "threegpp.spec.dir not set or not found: official files not checked");
        assertConforms(SpecValidator.official(dir.get()));
    }

    private static void assertConforms(SpecValidator validator) {
        List<String> problems = new ArrayList<>();
        for (Exchange e : EXCHANGES) {
            SpecValidator.Result result = e.requestValid() ? validator.validateExchange(e.request(), e.response())
                    : validator.validateResponse(e.request(), e.response());
            if (!result.isValid()) {
                problems.add(result.toString());
            }
        }
        for (String body : NOTIFICATIONS) {
            SpecValidator.Result result = validator.validateCallback("notificationDestination",
                    SpecValidator.HttpRequest.of("POST", receiver.uri("conf"), "application/json", body));
            if (!result.isValid()) {
                problems.add(result.toString());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The official folder: as given, or relative to the repository root (the tests run in the module). */
    private static Optional<Path> officialDir() {
        return SpecValidator.officialSpecDir().flatMap(dir -> {
            for (Path candidate : List.of(dir, Path.of("..").resolve(dir))) {
                if (Files.isRegularFile(candidate.resolve(SpecValidator.ROOT_FILE))) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        });
    }

    private static T8Client.Response exchange(String method, String uri, String contentType, Object body) throws Exception {
        String json = body == null ? null : T8Json.mapper().writeValueAsString(body);
        T8Client.Response r = client.send(method, uri, json, contentType);
        SpecValidator.HttpRequest request = contentType == null ? SpecValidator.HttpRequest.of(method, uri)
                : SpecValidator.HttpRequest.of(method, uri, contentType, json);
        SpecValidator.HttpResponse response = new SpecValidator.HttpResponse(r.status(), Map.copyOf(r.raw().headers().map()),
                r.raw().body());
        EXCHANGES.add(new Exchange(request, response, r.status() != 415));
        return r;
    }
}
