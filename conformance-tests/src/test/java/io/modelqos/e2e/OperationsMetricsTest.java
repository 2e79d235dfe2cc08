package io.modelqos.e2e;

import io.modelqos.client.ModelQosException;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator's board reads off {@code /metrics} after real deliveries: how negotiations ended, the store's
 * commits, the event loops' lag and the webhook backlog.
 */
class OperationsMetricsTest {

    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
        assertTrue(m.find(), series + " not in the scrape");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void negotiationOutcomesCommitsLagAndBacklogAreCounted() throws Exception {
        try (AfUnderTest env = AfUnderTest.withEmulator(AfUnderTest.emulatorOptions(), Map.of("startWindowMs", "60000"))) {
            Delivery granted = env.client.deliveries().create(DeliveryRequest.builder().ue(UeId.ipv4("10.45.2.1"))
                    .server(ModelServer.ipv4("10.0.0.10", 443)).model(ModelCatalog.GOOGLENET)
                    .latencyBudget(Duration.ofSeconds(1)).build());
            assertEquals(DeliveryState.QOS_GRANTED, granted.state());
            ModelQosException refused = assertThrows(ModelQosException.class, () -> env.client.deliveries().create(
                    DeliveryRequest.builder().ue(UeId.ipv4("10.45.2.2")).server(ModelServer.ipv4("10.0.0.10", 443))
                            .model(ModelCatalog.RESNET_50).latencyBudget(Duration.ofMillis(100)).build()));
            assertEquals(422, refused.status());
            Thread.sleep(300); // a few ticks of the event-loop lag timer

            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(env.afRoot().resolve("/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();

            assertEquals(1.0, sample(scrape, "modelqos_negotiation_outcomes_total{outcome=\"granted\"}"), scrape);
            assertEquals(1.0, sample(scrape, "modelqos_negotiation_outcomes_total{outcome=\"refused\"}"));
            assertEquals(0.0, sample(scrape, "modelqos_negotiation_outcomes_total{outcome=\"fallback\"}"));
            assertTrue(sample(scrape, "modelqos_event_loop_lag_seconds_count") > 0, "the lag timer ran");
            assertEquals(0.0, sample(scrape, "modelqos_webhook_backlog"), "no webhook configured, nothing waits");
            assertTrue(scrape.contains("modelqos_store_commit_seconds_count"), "the commit timer is exported");
            env.client.deliveries().cancel(granted.deliveryId());
        }
    }
}
