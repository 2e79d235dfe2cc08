package io.modelqos.af.nef;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import io.modelqos.af.config.NefOptions;
import io.vertx.core.Vertx;

import java.net.URI;
import java.util.function.Supplier;


/** A WireMock server standing in for the NEF in the client's unit tests, and clients pointed at it. */
final class WireMockNef implements AutoCloseable {

    static final String SCS_AS_ID = "af-1";
    static final String COLLECTION = "/3gpp-as-session-with-qos/v1/" + SCS_AS_ID + "/subscriptions";
    static final String SUB = COLLECTION + "/s1";

    final WireMockServer server;

    WireMockNef() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    NefOptions options(long timeoutMs, long retryBudgetMs, boolean oauth) {
        return new NefOptions(server.baseUrl(), SCS_AS_ID, timeoutMs, retryBudgetMs, null,
                oauth ? server.baseUrl() + "/oauth2/token" : null, oauth ? "af-client" : null,
                oauth ? "the-client-secret" : null);
    }

    VertxAsSessionWithQosClient.Builder client(Vertx vertx, long timeoutMs, long retryBudgetMs, boolean oauth) {
        return VertxAsSessionWithQosClient.builder(vertx, options(timeoutMs, retryBudgetMs, oauth))
                .backoff(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(40));
    }

    /** Stubs {@code answers} as the successive answers to {@code request} (the last one repeats). */
    void inSequence(Supplier<MappingBuilder> request, String scenario, ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : scenario + "-" + i;
            ScenarioMappingBuilder step = request.get().inScenario(scenario).whenScenarioStateIs(state);
            if (i + 1 < answers.length) {
                step = step.willSetStateTo(scenario + "-" + (i + 1));
            }
            server.stubFor(step.willReturn(answers[i]));
        }
    }

    /** Waits until WireMock has finished serving {@code count} requests (a delayed answer is logged when sent). */
    void awaitServed(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.getAllServeEvents().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
