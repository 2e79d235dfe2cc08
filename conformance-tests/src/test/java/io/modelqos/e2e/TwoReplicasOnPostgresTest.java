package io.modelqos.e2e;

import io.modelqos.af.AfServer;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.nef.AsSessionWithQosClient;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.store.PgDeliveryStore;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two AF replicas on one PostgreSQL database (a real server, started by the test) and one NEF (WireMock, which keeps
 * subscriptions until they are deleted and counts every DELETE it gets): the
 * NEF's notifications for a delivery are applied whichever replica receives them; each expiry deletes its NEF
 * subscription exactly once across the cluster, also after one replica died and the other adopted its deliveries.
 */
class TwoReplicasOnPostgresTest {
    private static EmbeddedPostgres postgres;
    private static int schemas;

    private final HttpClient http = HttpClient.newHttpClient();
    private static final String COLLECTION = "/3gpp-as-session-with-qos/v1/" + AfUnderTest.SCS_AS_ID + "/subscriptions";
    private WireMockServer nef;
    private Replica first;
    private Replica second;
    private PgDeliveryStore observer;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void startCluster() throws Exception {
        nef = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").globalTemplating(true));
        nef.start();
        nef.stubFor(get(urlPathEqualTo(COLLECTION)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        nef.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(201)
                .withHeader("Location", nef.baseUrl() + COLLECTION + "/{{randomValue type='UUID'}}")
                .withHeader("Content-Type", "application/json")
                .withBody("{{{request.body}}}")));
        nef.stubFor(delete(urlPathMatching(COLLECTION + "/.+")).willReturn(aResponse().withStatus(204)));
        String schema = "replicas_" + (++schemas);
        first = Replica.start("af-1", schema, nef.baseUrl());
        second = Replica.start("af-2", schema, nef.baseUrl());
        // Reads what the cluster stored; it never heartbeats, so it owns nothing and adopts nothing.
        observer = PgDeliveryStore.open(first.config.storeOrDefault().postgresOrDefault().withReplicaId("observer"));
    }

    @AfterEach
    void stopCluster() throws Exception {
        observer.close();
        first.close();
        second.close();
        nef.stop();
    }

    @Test
    void notificationsSentAlternatelyToBothReplicasAreAllApplied() throws Exception {
        List<Delivery> created = createAlternately(6, Duration.ofSeconds(5));
        Map<String, Set<Long>> sent = new HashMap<>();
        int n = 0;
        for (int round = 0; round < 4; round++) {
            for (Delivery d : created) {
                io.modelqos.af.delivery.Delivery stored = observer.get(d.deliveryId()).await().orElseThrow();
                long volume = 1_000_000L + (++n);
                Replica to = n % 2 == 0 ? first : second;
                assertEquals(204, notify(to, stored, volume), "the NEF gets its 204 from either replica");
                sent.computeIfAbsent(d.deliveryId(), k -> new HashSet<>()).add(volume);
            }
        }
        for (Delivery d : created) {
            try {
                awaitTrue(() -> usageVolumesApplied(d.deliveryId()).containsAll(sent.get(d.deliveryId())), 10_000,
                        "every usage report for " + d.deliveryId() + " applied by its owner, whichever replica got it");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; sent " + sent.get(d.deliveryId()) + ", applied "
                        + usageVolumesApplied(d.deliveryId()) + ", events " + observer.events(d.deliveryId(), 0).await(), e);
            }
        }

        // A cancel on the replica that does not own the delivery is carried out by the one that does.
        Delivery ownedByFirst = created.get(0);
        Delivery cancelled = second.client.deliveries().cancel(ownedByFirst.deliveryId());
        assertEquals(DeliveryState.CANCELLED, cancelled.state());
        assertEquals(1, nefDeletes(ownedByFirst));
        assertEquals(1, first.nefDeletes.get(), "only the owner talks to the NEF about its delivery");
        assertEquals(0, second.nefDeletes.get());
    }

    @Test
    void theEventStreamOfADeliveryOwnedByTheOtherReplicaFollowsItToItsEnd() throws Exception {
        Delivery d = create(first, 30, Duration.ofSeconds(5));
        List<io.modelqos.client.model.DeliveryEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (io.modelqos.client.Subscription events = second.client.deliveries().events(d.deliveryId(), seen::add)) {
            awaitTrue(() -> seen.size() == 1, 5_000, "the stored qos-granted event, read from the shared store");
            assertEquals(204, notify(first, observer.get(d.deliveryId()).await().orElseThrow(), 4_242));
            awaitTrue(() -> seen.size() == 2, 5_000, "the rate report the owner appended, streamed by the other replica");
            first.client.deliveries().cancel(d.deliveryId());
            events.completion().get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertEquals(List.of(io.modelqos.client.model.EventType.QOS_GRANTED, io.modelqos.client.model.EventType.RATE_REPORT,
                io.modelqos.client.model.EventType.CANCELLED), seen.stream().map(e -> e.type()).toList());
        assertEquals(List.of(1L, 2L, 3L), seen.stream().map(e -> e.sequence()).toList());
    }

    @Test
    void eachExpiryDeletesItsNefSubscriptionExactlyOnce() throws Exception {
        List<Delivery> created = createAlternately(10, Duration.ofSeconds(1));
        for (Delivery d : created) {
            awaitTrue(() -> first.client.deliveries().get(d.deliveryId()).state() == DeliveryState.EXPIRED, 15_000,
                    d.deliveryId() + " expired");
        }
        Thread.sleep(500); // a second delete, were there one, would come now
        for (Delivery d : created) {
            assertEquals(1, nefDeletes(d), "one DELETE at the NEF for " + d.nefSubscription());
        }
        assertEquals(created.size(), first.nefDeletes.get() + second.nefDeletes.get());
        assertEquals(5, first.nefDeletes.get(), "each replica expired the deliveries it created");
    }

    @Test
    void theDeliveriesOfAReplicaThatDiedExpireOnceOnTheOther() throws Exception {
        List<Delivery> onSecond = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            onSecond.add(create(second, 40 + i, Duration.ofSeconds(2)));
        }
        second.crash();
        for (Delivery d : onSecond) {
            awaitTrue(() -> first.client.deliveries().get(d.deliveryId()).state() == DeliveryState.EXPIRED, 15_000,
                    d.deliveryId() + " expired after its replica died");
        }
        Thread.sleep(500);
        for (Delivery d : onSecond) {
            assertEquals(1, nefDeletes(d), "one DELETE at the NEF for " + d.nefSubscription());
        }
        assertEquals(5, first.nefDeletes.get(), "the surviving replica adopted and expired them");
        assertEquals(0, second.nefDeletes.get());
    }

    // ---------------------------------------------------------------- helpers

    private List<Delivery> createAlternately(int count, Duration budget) {
        List<Delivery> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(create(i % 2 == 0 ? first : second, 10 + i, budget));
        }
        return created;
    }

    private static Delivery create(Replica on, int ue, Duration budget) {
        Delivery d = on.client.deliveries().create(DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0." + ue))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.MOBILENET_224)
                .latencyBudget(budget)
                .build());
        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        return d;
    }

    private int notify(Replica to, io.modelqos.af.delivery.Delivery d, long downlinkVolume) throws Exception {
        String body = "{\"transaction\":\"" + d.nefSubscription() + "\",\"eventReports\":[{\"event\":\"USAGE_REPORT\","
                + "\"accumulatedUsage\":{\"downlinkVolume\":" + downlinkVolume + ",\"uplinkVolume\":0,\"totalVolume\":"
                + downlinkVolume + ",\"duration\":1}}]}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.af.port()
                        + "/nef-callbacks/v1/" + d.callbackId()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    /** How many DELETEs the NEF got for the delivery's subscription. */
    private int nefDeletes(Delivery d) {
        return nef.findAll(deleteRequestedFor(urlEqualTo(URI.create(d.nefSubscription().toString()).getPath()))).size();
    }

    private Set<Long> usageVolumesApplied(String deliveryId) {
        Set<Long> volumes = new HashSet<>();
        for (DeliveryEvent e : observer.events(deliveryId, 0).await()) {
            if (e.type() == EventType.RATE_REPORT && "USAGE_REPORT".equals(e.data().path("cause").asText())) {
                // The delivery's achieved bytes are the NEF's downlink volume of the report the event is about.
                volumes.add(e.data().path("achieved").path("bytes").asLong());
            }
        }
        return volumes;
    }

    private static void awaitTrue(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what);
            }
            Thread.sleep(25);
        }
    }

    /** One AF replica: its own Vert.x, HTTP server, NEF client (counting deletes) and store connection. */
    private static final class Replica implements AutoCloseable {
        final Vertx vertx;
        final AfConfig config;
        final AfServer af;
        final ModelQosClient client;
        final AtomicInteger nefDeletes;
        private boolean crashed;

        private Replica(Vertx vertx, AfConfig config, AfServer af, ModelQosClient client, AtomicInteger nefDeletes) {
            this.vertx = vertx;
            this.config = config;
            this.af = af;
            this.client = client;
            this.nefDeletes = nefDeletes;
        }

        static Replica start(String id, String schema, String nefApiRoot) throws Exception {
            Map<String, String> settings = new HashMap<>();
            settings.put("host", "127.0.0.1");
            settings.put("port", "0");
            settings.put("nef.apiRoot", nefApiRoot);
            settings.put("nef.scsAsId", AfUnderTest.SCS_AS_ID);
            settings.put("expiryMarginS", "0");
            // No model server: no start window, so a delivery lives until its qosDuration (budget + 1 s) runs out.
            settings.put("startWindowMs", "0");
            settings.put("allocationWaitMs", "100");
            settings.put("limits.requestsPerSecond", "0");
            settings.put("store.kind", "postgres");
            settings.put("store.postgres.url", "postgresql://localhost:" + postgres.getPort() + "/postgres");
            settings.put("store.postgres.user", "postgres");
            settings.put("store.postgres.schema", schema);
            settings.put("store.postgres.replicaId", id);
            settings.put("store.postgres.heartbeatMs", "100");
            settings.put("store.postgres.replicaTimeoutMs", "600");
            settings.put("store.postgres.relayPollMs", "20");
            AfConfig config = ConfigLoader.load(null, Map.of(), settings);
            Vertx vertx = EventLoopGuard.vertx();
            AtomicInteger nefDeletes = new AtomicInteger();
            AsSessionWithQosClient nef = new CountingDeletes(VertxAsSessionWithQosClient.builder(vertx,
                    config.nefOrDefault()).build(), nefDeletes);
            PgDeliveryStore store = PgDeliveryStore.open(config.storeOrDefault().postgresOrDefault());
            AfServer af = AfUnderTest.await(AfServer.start(vertx, config, nef, store, new AfMetrics()));
            ModelQosClient client = ModelQosClient.builder().baseUri(URI.create("http://127.0.0.1:" + af.port()))
                    .timeout(Duration.ofSeconds(10)).build();
            return new Replica(vertx, config, af, client, nefDeletes);
        }

        /** Dies without a word: no more heartbeats, timers or answers (its store connection is simply abandoned). */
        void crash() throws Exception {
            crashed = true;
            AfUnderTest.await(vertx.close());
        }

        @Override
        public void close() throws Exception {
            if (crashed) {
                return;
            }
            try {
                AfUnderTest.await(af.stop());
            } finally {
                AfUnderTest.await(vertx.close());
            }
        }
    }

    /** The replica's NEF client, counting the DELETEs this replica sends. */
    private static final class CountingDeletes extends io.modelqos.conformance.nef.ForwardingNefClient {
        private final AtomicInteger replicaDeletes;

        CountingDeletes(AsSessionWithQosClient delegate, AtomicInteger replicaDeletes) {
            super(delegate);
            this.replicaDeletes = replicaDeletes;
        }

        @Override
        public Future<Optional<UserPlaneNotificationData>> delete(URI subscription) {
            replicaDeletes.incrementAndGet();
            return delegate.delete(subscription);
        }
    }
}
