package io.modelqos.conformance.nef;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.modelqos.af.config.NefOptions;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock NEF for one test class ({@code @RegisterExtension static final WireMockNef nef = new WireMockNef();}),
 * started once, reset before each test. After each test it
 * <ol>
 *   <li>records every exchange the NEF saw into {@code target/nef-traffic/} (the token endpoint, which is not
 *       part of the NEF's API, is left out),</li>
 *   <li>validates each against the project's and, when configured, the official OpenAPI files
 *       ({@link ExchangeChecks}),</li>
 *   <li>fails the test when the NEF holds a subscription the AF does not know ({@link #forgotten()}).</li>
 * </ol>
 * What the NEF holds is what the matched stubs say they did, in the order they were served: a stub made with
 * {@link NefStubs#creates(String)} adds a subscription, {@link NefStubs#deletes(String)} removes one — whether or
 * not its answer reached the AF. What the AF knows is what its creates returned and its deletes did not remove
 * ({@link TrackingClient}).
 */
final class WireMockNef implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    static final String SCS_AS_ID = "modelqos-af";
    static final String API = "/3gpp-as-session-with-qos/v1";
    static final String COLLECTION = API + "/" + SCS_AS_ID + "/subscriptions";
    static final String TOKEN_PATH = "/oauth2/token";
    static final String CLIENT_ID = "modelqos-af";
    static final String CLIENT_SECRET = "conformance-secret";

    /** WireMock's own response headers, not part of the NEF's answer. */
    private static final Set<String> WIREMOCK_HEADERS = Set.of("matched-stub-id", "matched-stub-name");

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final List<VertxAsSessionWithQosClient> clients = Collections.synchronizedList(new ArrayList<>());
    private WireMockServer server;
    private Vertx vertx;
    private String test = "?";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        vertx = EventLoopGuard.vertx();
        warmUp();
    }

    /**
     * Loads the HTTP client and parses the OpenAPI files before the first test, whose timeouts would otherwise
     * include that one-off cost. WireMock does not journal its admin API, so nothing is recorded.
     */
    private void warmUp() throws Exception {
        WebClient web = WebClient.create(vertx);
        try {
            web.getAbs(server.baseUrl() + "/__admin/mappings").send()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            web.close();
        }
        Specs.all();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        clients.forEach(VertxAsSessionWithQosClient::close);
        vertx.close().toCompletionStage().toCompletableFuture().get();
        server.stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
        known.clear();
        String method = context.getRequiredTestMethod().getName();
        String display = context.getDisplayName();
        test = context.getRequiredTestClass().getSimpleName() + "." + method
                + (display.startsWith(method + "(") ? "" : " [" + display + "]");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> problems = new ArrayList<>();
        for (ServeEvent event : served()) {
            if (event.getRequest().getUrl().startsWith(TOKEN_PATH)) {
                continue;
            }
            NefExchange exchange = exchange(event);
            TrafficLog.write(exchange);
            problems.addAll(ExchangeChecks.errors(exchange));
        }
        Set<String> forgotten = forgotten();
        if (!forgotten.isEmpty()) {
            problems.add("the NEF holds subscriptions the AF does not know: " + forgotten);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    // ------------------------------------------------------------------------------------------
    // For the tests
    // ------------------------------------------------------------------------------------------

    WireMockServer server() {
        return server;
    }

    Vertx vertx() {
        return vertx;
    }

    String baseUrl() {
        return server.baseUrl();
    }

    URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    static String sub(String id) {
        return COLLECTION + "/" + id;
    }

    /** A client with a 3 s timeout, a 2 s retry budget and no OAuth2. */
    TrackingClient client() {
        return client(3_000, 2_000, false, b -> b);
    }

    TrackingClient client(long timeoutMs, long retryBudgetMs, boolean oauth2) {
        return client(timeoutMs, retryBudgetMs, oauth2, b -> b);
    }

    TrackingClient client(long timeoutMs, long retryBudgetMs, boolean oauth2,
                          UnaryOperator<VertxAsSessionWithQosClient.Builder> customise) {
        NefOptions options = new NefOptions(server.baseUrl(), SCS_AS_ID, timeoutMs, retryBudgetMs, null,
                oauth2 ? server.baseUrl() + TOKEN_PATH : null, oauth2 ? CLIENT_ID : null, oauth2 ? CLIENT_SECRET : null);
        VertxAsSessionWithQosClient client = customise.apply(VertxAsSessionWithQosClient.builder(vertx, options)
                .metrics(new AfMetrics())
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100))).build();
        clients.add(client);
        return new TrackingClient(client, known);
    }

    /** {@code client}, made elsewhere (e.g. from a configuration), tracked as this NEF's clients are and closed with it. */
    TrackingClient track(VertxAsSessionWithQosClient client) {
        clients.add(client);
        return new TrackingClient(client, known);
    }

    /** The subscriptions the NEF holds, by path, after the requests served so far. */
    Set<String> held() {
        Set<String> held = new LinkedHashSet<>();
        for (ServeEvent event : served()) {
            Metadata meta = event.getStubMapping() == null ? null : event.getStubMapping().getMetadata();
            if (meta == null) {
                continue;
            }
            if (meta.containsKey(NefStubs.CREATES)) {
                held.add(meta.getString(NefStubs.CREATES));
            }
            if (meta.containsKey(NefStubs.DELETES)) {
                held.remove(meta.getString(NefStubs.DELETES));
            }
        }
        return held;
    }

    /** The subscriptions the NEF holds that the AF does not know. */
    Set<String> forgotten() {
        Set<String> forgotten = held();
        forgotten.removeAll(known);
        return forgotten;
    }

    /** Tells the ledger the AF knows {@code path}: for a test that checks the check itself. */
    void acknowledge(String path) {
        known.add(path);
    }

    /** The name the exchanges of the running test are recorded under. */
    String testName() {
        return test;
    }

    // ------------------------------------------------------------------------------------------

    /** The journal, oldest first. */
    private List<ServeEvent> served() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    private NefExchange exchange(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        LoggedResponse response = event.getResponse();
        Metadata meta = event.getStubMapping() == null ? null : event.getStubMapping().getMetadata();
        String fault = meta == null ? null : meta.getString(NefStubs.FAULT, null);
        boolean answered = response != null && response.getFault() == null;
        if (response != null && response.getFault() != null && fault == null) {
            fault = "connection-reset";
        }
        return new NefExchange(NefExchange.AF_TO_NEF, request.getMethod().getName(), request.getAbsoluteUrl(),
                headers(request.getHeaders(), false), emptyToNull(request.getBodyAsString()),
                answered ? response.getStatus() : null,
                answered ? headers(response.getHeaders(), true) : null,
                answered ? emptyToNull(response.getBodyAsString()) : null,
                test, fault);
    }

    private static Map<String, List<String>> headers(HttpHeaders headers, boolean dropWireMock) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (headers != null) {
            for (HttpHeader h : headers.all()) {
                if (dropWireMock && WIREMOCK_HEADERS.contains(h.key().toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                map.put(h.key(), List.copyOf(h.values()));
            }
        }
        return map;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
