package io.modelqos.af.engine;

import io.modelqos.af.config.NefOptions;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.nef.NotificationAddress;
import io.modelqos.af.nef.T8QosSessions;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A reconciliation of tens of thousands of deliveries against a real HTTP NEF that lists as many subscriptions (tens of
 * MB of JSON): it must leave every event loop free. {@link EventLoopGuard} fails the test when one was held over its
 * limit; before the decoding and the judging moved to workers, one was held for seconds.
 */
class ReconciliationAtScaleTest {
    private static final int MATCHED = 60_000;
    private static final int VANISHED = 50;
    private static final int FOREIGN = 50;
    private static final String SCS_AS_ID = "scale";

    /** The AF's Vert.x, watched by {@link EventLoopGuard}. */
    private static Vertx vertx;
    /** The NEF's: a peer, not the AF, so not watched. */
    private static Vertx nefVertx;
    private static HttpServer nef;

    @BeforeAll
    static void start() throws Exception {
        vertx = EventLoopGuard.vertx();
        nefVertx = Vertx.vertx();
        Buffer list = listOfSubscriptions();
        nef = nefVertx.createHttpServer()
                .requestHandler(request -> {
                    if (request.path().endsWith("/subscriptions")) {
                        request.response().putHeader("Content-Type", "application/json")
                                .end(request.query() == null ? list : Buffer.buffer("[]")); // a filtered list: none
                    } else { // a subscription the list left out, read before its delivery is ended: gone
                        request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                                .end("{\"status\":404,\"cause\":\"SUBSCRIPTION_NOT_FOUND\"}");
                    }
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        nefVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** What a NEF answers a list with: each subscription as the AF made it, and a few of another application's. */
    private static Buffer listOfSubscriptions() {
        StringBuilder json = new StringBuilder(MATCHED * 700).append('[');
        for (int i = 0; i < MATCHED + FOREIGN; i++) {
            if (i > 0) {
                json.append(',');
            }
            boolean ours = i < MATCHED;
            json.append("{\"self\":\"/3gpp-as-session-with-qos/v1/").append(SCS_AS_ID).append("/subscriptions/")
                    .append(ours ? "sub-" : "theirs-").append(i).append("\",\"supportedFeatures\":\"2C\",\"notificationDestination\":\"http://127.0.0.1:8080")
                    .append(NotificationAddress.PATH).append(ours ? callbackId(i) : "theirs-" + i).append("\",\"flowInfo\":[{\"flowId\":1,")
                    .append("\"flowDescriptions\":[\"permit out ip from 10.0.0.10 443 to ").append(ue(i))
                    .append("\",\"permit in ip from ").append(ue(i)).append(" to 10.0.0.10 443\"]}],")
                    .append("\"ueIpv4Addr\":\"").append(ue(i)).append("\",\"qosReference\":\"resnet-50-fp32@83.03Mbps\",")
                    .append("\"altQoSReferences\":[\"resnet-50-int8@20.758Mbps\"],\"usageThreshold\":{\"downlinkVolume\":")
                    .append("102400000},\"qosMonInfo\":{\"reqQosMonParams\":[\"DOWNLINK\"],\"repFreqs\":[\"PERIODIC\"],")
                    .append("\"repPeriod\":1},\"qosDuration\":11,\"requestTestNotification\":false,")
                    .append("\"events\":[\"SUCCESSFUL_RESOURCES_ALLOCATION\",\"FAILED_RESOURCES_ALLOCATION\",")
                    .append("\"QOS_GUARANTEED\",\"QOS_NOT_GUARANTEED\",\"USAGE_REPORT\",\"SESSION_TERMINATION\"]}");
        }
        return Buffer.buffer(json.append(']').toString());
    }

    private static String callbackId(int i) {
        return "cb-" + i;
    }

    private static String ue(int i) {
        return "10." + (64 + i / 65_536) + "." + (i / 256 % 256) + "." + (i % 256);
    }

    private static String subscription(int i) {
        return "http://127.0.0.1:" + nef.actualPort() + "/3gpp-as-session-with-qos/v1/" + SCS_AS_ID + "/subscriptions/sub-" + i;
    }

    @Test
    void reconcilingSixtyThousandDeliveriesLeavesEveryEventLoopFree() throws Exception {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        for (int i = 0; i < MATCHED + VANISHED; i++) {
            Delivery d = new Delivery("d-" + i, "tenant-a", EngineUnderTest.resnet50(ue(i), 10_000), callbackId(i),
                    EngineUnderTest.T0);
            d.moveTo(DeliveryState.NEGOTIATING);
            d.moveTo(DeliveryState.QOS_GRANTED);
            d.nefSubscription(URI.create(subscription(i)));
            store.put(d);
        }
        VertxAsSessionWithQosClient client = VertxAsSessionWithQosClient.builder(vertx,
                new NefOptions("http://127.0.0.1:" + nef.actualPort(), SCS_AS_ID, 30_000L, 1_000L, null, null, null, null))
                .build();
        // A running AF has long made its first NEF call and decoded its first subscriptions (the JVM's first HTTP
        // request sets up classes and the pipeline; Jackson's first decode of a type builds its deserializer).
        io.modelqos.af.json.AfJson.mapper().readValue("[{\"self\":\"x\",\"notificationDestination\":\"http://af/cb\"}]",
                new com.fasterxml.jackson.core.type.TypeReference<List<
                        io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription>>() { });
        // The JVM's first HTTP request runs cold (tens of ms interpreted): an unwatched client makes it.
        io.vertx.ext.web.client.WebClient.create(nefVertx).getAbs(subscription(0) + "?ip-addrs=warm").send()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.list(java.util.Optional.of("10.64.0.1")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<String> ended = new CopyOnWriteArrayList<>();
        Context context = vertx.getOrCreateContext();
        Reconciler reconciler = new Reconciler(new T8QosSessions(client, new NotificationAddress()), store,
                new Reconciler.Actions() {
                    @Override
                    public Future<Delivery> endUnmatched(Delivery d, String found, FailureCause cause) {
                        ended.add(d.id() + " " + cause);
                        return Future.succeededFuture(d);
                    }

                    @Override
                    public void released(Delivery d) {
                        ended.add(d.id() + " released");
                    }
                }, new InFlight(), Timers.on(context), Offload.on(context), Duration.ZERO);

        Promise<Reconciler.Report> done = Promise.promise();
        context.runOnContext(v -> reconciler.reconcile().onComplete(done));
        Reconciler.Report report = done.future().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);

        assertEquals(MATCHED + FOREIGN, report.listed());
        assertEquals(MATCHED, report.matched());
        assertEquals(FOREIGN, report.foreign(), "callback ids no record holds: left alone");
        assertEquals(0, report.orphansDeleted());
        assertEquals(VANISHED, report.vanished());
        assertEquals(VANISHED, ended.size());
        assertEquals("d-" + MATCHED + " " + FailureCause.NEF_SUBSCRIPTION_GONE, ended.stream().sorted().toList().get(0));
    }
}
