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
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies that what the emulator's PCF, BSF and NRF answer and notify conforms to TS 29.514,
 * TS 29.521 and TS 29.510: a scenario of every N5 operation (successes and errors) and every
 * notification kind is recorded, then checked with the project's SpecValidator against the
 * project's files and, when {@code threegpp.spec.dir} names them, the official Rel-18 files.
 */
class N5ConformanceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String AF_INSTANCE = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    /**
     * One recorded exchange of one API; {@code requestValid} false for requests that are wrong on
     * purpose (only the emulator's answer is checked then).
     */
    private record Exchange(String rootFile, SpecValidator.HttpRequest request, SpecValidator.HttpResponse response,
                            boolean requestValid) {
    }

    private static final List<Exchange> EXCHANGES = new ArrayList<>();
    private static final List<NotificationReceiver.Received> NOTIFICATIONS = new ArrayList<>();

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
        options.getN5().setUnboundUes(List.of("10.74.0.99"));
        options.setFaults(FaultOptions.none().setQosDegradation(new FaultOptions.QosDegradation(1.0, 50, 100, 0.5)));
        nef = NefEmulator.start(vertx, options).await();
        receiver = NotificationReceiver.startN5(vertx, ApiContract.load(vertx, ApiContract.Api.PCF).await());
        client = new T8Client(nef.apiRoot());
        String sessions = N5Requests.appSessions(nef.apiRoot());
        String pcf = SpecValidator.PCF_ROOT_FILE;

        // NRF and BSF: how the AF finds the PCF
        exchange(SpecValidator.NRF_DISCOVERY_ROOT_FILE, "GET", N5Requests.instances(nef.apiRoot())
                + "?target-nf-type=BSF&requester-nf-type=AF&service-names=nbsf-management", null, null);
        exchange(SpecValidator.NRF_DISCOVERY_ROOT_FILE, "GET", N5Requests.instances(nef.apiRoot())
                + "?target-nf-type=PCF&requester-nf-type=AF", null, null);
        exchange(SpecValidator.NRF_DISCOVERY_ROOT_FILE, "GET", N5Requests.instances(nef.apiRoot())
                + "?target-nf-type=BSF", null, null);                                                   // 400
        form(N5Requests.form("grant_type", "client_credentials", "nfInstanceId", AF_INSTANCE, "nfType", "AF",
                "targetNfType", "PCF", "scope", "npcf-policyauthorization"));
        form(N5Requests.form("grant_type", "client_credentials", "nfInstanceId", AF_INSTANCE, "scope", "nudm-sdm")); // 400
        exchange(SpecValidator.BSF_ROOT_FILE, "GET", N5Requests.bindings(nef.apiRoot()) + "?ipv4Addr=10.74.0.1&dnn=internet&snssai="
                + T8Client.urlEncode("{\"sst\":1,\"sd\":\"000001\"}"), null, null);
        exchange(SpecValidator.BSF_ROOT_FILE, "GET", N5Requests.bindings(nef.apiRoot()) + "?ipv4Addr=10.74.0.99", null, null); // 204
        exchange(SpecValidator.BSF_ROOT_FILE, "GET", N5Requests.bindings(nef.apiRoot()) + "?dnn=internet", null, null);        // 400

        // PCF: the session with every event, ended by its qosDuration
        ObjectNode component = N5Requests.reference("mq-gbr-1G");
        component.putArray("altSerReqs").add("mq-gbr-500M");
        ObjectNode body = N5Requests.appSession(receiver.uri("conf"), "10.74.0.1", component,
                "SUCCESSFUL_RESOURCES_ALLOCATION", "QOS_NOTIF", "USAGE_REPORT", "QOS_MONITORING");
        ObjectNode evSubsc = N5Requests.evSubsc(body);
        evSubsc.putArray("reqQosMonParams").add("DOWNLINK_DATA_RATE").add("DOWNLINK");
        ((ObjectNode) evSubsc.get("events").get(3)).put("notifMethod", "PERIODIC");
        evSubsc.putObject("usgThres").put("downlinkVolume", 2_000_000L);
        ((ObjectNode) body.get("ascReqData")).put("qosDuration", 1);
        String self = exchange(pcf, "POST", sessions, "application/json", body).header("Location").orElseThrow();
        exchange(pcf, "POST", sessions, "application/json", body);                                       // 303
        exchange(pcf, "GET", self, null, null);
        ObjectNode patch = T8Json.mapper().createObjectNode();
        patch.putObject("ascReqData").putObject("medComponents").putObject("1").put("medCompN", 1).putArray("altSerReqs")
                .add("mq-gbr-500M").add("mq-gbr-200M");
        exchange(pcf, "PATCH", self, "application/merge-patch+json", patch);
        exchange(pcf, "PATCH", self, "application/json", patch);                                        // 415
        exchange(pcf, "POST", sessions, "application/json",
                N5Requests.appSession(receiver.uri("other"), "10.74.0.2", N5Requests.reference("mq-gbr-2G"))); // 403
        exchange(pcf, "POST", sessions, "application/json",
                N5Requests.appSession("not a uri", "10.74.0.3", N5Requests.bandwidth("50 Mbps")));        // 400
        exchange(pcf, "GET", sessions + "/no-such-session", null, null);                                // 404
        nef.setFaults(FaultOptions.none().setAllocationFailureProbability(1.0));
        String failing = exchange(pcf, "POST", sessions, "application/json", N5Requests.appSession(receiver.uri("fail"),
                "10.74.0.4", N5Requests.bandwidth("50 Mbps"), "FAILED_RESOURCES_ALLOCATION")).header("Location").orElseThrow();
        NOTIFICATIONS.add(receiver.await("fail/notify", "FAILED_RESOURCES_ALLOCATION", WAIT));
        nef.clearFaults();
        exchange(pcf, "POST", failing + "/delete", "application/json", T8Json.mapper().readTree("{\"events\":[{\"event\":\"USAGE_REPORT\"}]}"));
        exchange(pcf, "POST", failing + "/delete", null, null);                                          // 404
        String quiet = exchange(pcf, "POST", sessions, "application/json", N5Requests.appSession(receiver.uri("quiet"),
                "10.74.0.5", N5Requests.bandwidth("50 Mbps"))).header("Location").orElseThrow();
        exchange(pcf, "POST", quiet + "/delete", null, null);                                            // 204

        for (String event : List.of("SUCCESSFUL_RESOURCES_ALLOCATION", "QOS_NOTIF", "QOS_NOTIF", "USAGE_REPORT", "QOS_MONITORING")) {
            NOTIFICATIONS.add(receiver.await("conf/notify", event, WAIT));
        }
        NOTIFICATIONS.add(receiver.await("conf/terminate", "TERMINATION", WAIT));
        exchange(pcf, "POST", self + "/delete", "application/json",
                T8Json.mapper().readTree("{\"events\":[{\"event\":\"USAGE_REPORT\"}]}"));                 // 200 after the end
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
        assertEquals(List.of(200, 200, 400, 200, 400, 200, 204, 400,
                201, 303, 200, 200, 415, 403, 400, 404, 201, 200, 404, 201, 204, 200), statuses);
        assertEquals(List.of("FAILED_RESOURCES_ALLOCATION", "SUCCESSFUL_RESOURCES_ALLOCATION", "QOS_NOTIF", "QOS_NOTIF",
                "USAGE_REPORT", "QOS_MONITORING", "TERMINATION"), NOTIFICATIONS.stream().map(n -> n.event(0)).toList());
        assertEquals(List.of(), receiver.schemaViolations());
    }

    @Test
    void answersAndNotificationsMatchTheProjectContract() {
        assertConforms(SpecValidator::project);
    }

    @Test
    void answersAndNotificationsMatchTheOfficialRel18Files() {
        Optional<Path> dir = officialDir();
        assumeTrue(dir.isPresent(), "threegpp.spec.dir not set or not found: official files not checked");
        assertConforms(root -> SpecValidator.official(dir.get(), root));
    }

    private static void assertConforms(Function<String, SpecValidator> validators) {
        List<String> problems = new ArrayList<>();
        for (Exchange e : EXCHANGES) {
            SpecValidator validator = validators.apply(e.rootFile());
            SpecValidator.Result result = e.requestValid() ? validator.validateExchange(e.request(), e.response())
                    : validator.validateResponse(e.request(), e.response());
            if (!result.isValid()) {
                problems.add(result.toString());
            }
        }
        SpecValidator pcf = validators.apply(SpecValidator.PCF_ROOT_FILE);
        for (NotificationReceiver.Received n : NOTIFICATIONS) {
            String callback = n.path().endsWith("/terminate") ? "terminationRequest" : "eventNotification";
            SpecValidator.Result result = pcf.validateCallbackExchange(callback, SpecValidator.HttpRequest.of("POST",
                    receiver.uri(n.path().substring(1)), "application/json", n.body().encode()), SpecValidator.HttpResponse.of(204));
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
                if (Files.isRegularFile(candidate.resolve(SpecValidator.PCF_ROOT_FILE))) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        });
    }

    private static T8Client.Response exchange(String rootFile, String method, String uri, String contentType, Object body)
            throws Exception {
        String json = body == null ? null : T8Json.mapper().writeValueAsString(body);
        T8Client.Response r = client.send(method, uri, json, contentType);
        SpecValidator.HttpRequest request = contentType == null ? SpecValidator.HttpRequest.of(method, uri)
                : SpecValidator.HttpRequest.of(method, uri, contentType, json);
        record(rootFile, request, r, r.status() != 415 && !(r.status() == 400 && rootFile.equals(SpecValidator.NRF_DISCOVERY_ROOT_FILE)));
        return r;
    }

    private static void form(String form) throws Exception {
        String uri = nef.apiRoot() + "/oauth2/token";
        T8Client.Response r = client.form(uri, form, null);
        record(SpecValidator.NRF_TOKEN_ROOT_FILE, SpecValidator.HttpRequest.of("POST", uri,
                "application/x-www-form-urlencoded", form), r, true);
    }

    private static void record(String rootFile, SpecValidator.HttpRequest request, T8Client.Response r, boolean requestValid) {
        SpecValidator.HttpResponse response = new SpecValidator.HttpResponse(r.status(), Map.copyOf(r.raw().headers().map()),
                r.raw().body());
        EXCHANGES.add(new Exchange(rootFile, request, response, requestValid));
    }
}
