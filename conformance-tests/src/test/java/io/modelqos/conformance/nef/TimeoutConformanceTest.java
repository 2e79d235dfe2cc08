package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.nef.NefUnavailableException;
import io.modelqos.openapi.T8Json;
import io.modelqos.testing.Await;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.conformance.nef.NefStubs.fault;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An answer slower than the timeout ends the call with {@link NefUnavailableException} ({@code timedOut()}) after
 * about the timeout, once: reads, modifications and deletions are not repeated on a timeout. (A create's timeout
 * is in {@link CreateRecoveryConformanceTest}.)
 */
class TimeoutConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String PATH = WireMockNef.sub("sub-1");
    private static final long TIMEOUT_MS = 400;
    private static final int DELAY_MS = 1_200;

    private static NefUnavailableException timesOut(Supplier<Future<?>> call) throws Exception {
        long start = System.nanoTime();
        NefUnavailableException e = Await.failure(call.get(), NefUnavailableException.class);
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(e.timedOut(), e.toString());
        assertEquals(NefUnavailableException.Reason.TIMEOUT, e.reason());
        assertTrue(e.outcomeUnknown());
        assertTrue(ms >= TIMEOUT_MS && ms < DELAY_MS, "failed after " + ms + " ms");
        return e;
    }

    @Test
    void aSlowReadTimesOut() throws Exception {
        nef.server().stubFor(get(PATH).withMetadata(fault("slow"))
                .willReturn(json(200, T8Examples.representation(nef.uri(PATH).toString())).withFixedDelay(DELAY_MS)));

        TrackingClient client = nef.client(TIMEOUT_MS, 2_000, false);
        timesOut(() -> client.read(nef.uri(PATH)));

        nef.server().verify(exactly(1), AfRequests.read(PATH));
    }

    @Test
    void aSlowModificationTimesOut() throws Exception {
        nef.server().stubFor(patch(urlEqualTo(PATH)).withMetadata(fault("slow")).willReturn(noContent().withFixedDelay(DELAY_MS)));
        ObjectNode patch = T8Json.mapper().createObjectNode().put("qosReference", "modelqos-dl-25m");

        TrackingClient client = nef.client(TIMEOUT_MS, 2_000, false);
        timesOut(() -> client.modify(nef.uri(PATH), patch));

        nef.server().verify(exactly(1), AfRequests.modify(PATH, "{\"qosReference\":\"modelqos-dl-25m\"}"));
    }

    @Test
    void aSlowDeletionTimesOut() throws Exception {
        nef.server().stubFor(delete(PATH).withMetadata(fault("slow")).willReturn(noContent().withFixedDelay(DELAY_MS)));

        TrackingClient client = nef.client(TIMEOUT_MS, 2_000, false);
        timesOut(() -> client.delete(nef.uri(PATH)));

        nef.server().verify(exactly(1), AfRequests.delete(PATH));
    }
}
