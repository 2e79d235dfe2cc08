package io.modelqos.security;

import io.modelqos.af.AfServer;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.nef.NefAccess;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.qos.QosCatalog;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.nef.emulator.CatalogueEntry;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.qos.BitRate;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AF on real sockets with its security configured from settings (the same dotted keys as the configuration file),
 * a real NEF emulator behind it, and an HTTP client for the tests. Nothing inside the process is mocked.
 */
final class SecureAf implements AutoCloseable {
    static final String SCS_AS_ID = "modelqos-security";
    static final String BASE = "/model-delivery/v1";

    final Vertx vertx;
    final NefEmulator emulator;
    final AfServer af;
    final AfConfig config;
    final HttpClient http;
    private final boolean ownsVertx;

    private SecureAf(Vertx vertx, NefEmulator emulator, AfServer af, AfConfig config, HttpClient http, boolean ownsVertx) {
        this.vertx = vertx;
        this.emulator = emulator;
        this.af = af;
        this.config = config;
        this.http = http;
        this.ownsVertx = ownsVertx;
    }

    /** The emulator with the AF's default catalogue, so both name the same QoS references. */
    static EmulatorOptions emulatorOptions() {
        List<CatalogueEntry> refs = QosCatalog.defaultCatalog().references().stream()
                .map(r -> new CatalogueEntry(r.name(), r.fiveQi(), BitRate.parse(r.gbrDl().toString()),
                        BitRate.parse(r.gbrUl().toString()), r.pdbMs(), r.per().toString(), r.averagingWindowMs()))
                .toList();
        return new EmulatorOptions().setHost("127.0.0.1").setPort(0).setSeed(11).setQosReferences(refs);
    }

    /** A fresh Vert.x, an emulator with {@code options}, and the AF with {@code settings} in front of it. */
    static SecureAf start(EmulatorOptions options, Map<String, String> settings) throws Exception {
        Vertx vertx = EventLoopGuard.vertx();
        NefEmulator emulator = await(NefEmulator.start(vertx, options));
        return start(vertx, emulator, emulator.apiRoot(), settings, null, true);
    }

    /**
     * The AF on {@code vertx} against the NEF at {@code apiRoot}; {@code sslContext} is what the test's HTTP client
     * trusts (null = plain HTTP).
     */
    static SecureAf start(Vertx vertx, NefEmulator emulator, String apiRoot, Map<String, String> settings,
                          SSLContext sslContext, boolean ownsVertx) throws Exception {
        return start(vertx, emulator, apiRoot, settings, Map.of(), sslContext, ownsVertx);
    }

    /** As above, with environment variables (e.g. {@code MODELQOS_API_KEYS_FILE}) as the configuration reads them. */
    static SecureAf start(Vertx vertx, NefEmulator emulator, String apiRoot, Map<String, String> settings,
                          Map<String, String> environment, SSLContext sslContext, boolean ownsVertx) throws Exception {
        // These tests play no model server: a start window longer than any of them, so no delivery is released early.
        Map<String, String> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "nef.apiRoot", apiRoot,
                "nef.scsAsId", SCS_AS_ID, "nef.timeoutMs", "3000", "nef.retryBudgetMs", "1000", "startWindowMs", "60000"));
        all.putAll(settings);
        AfConfig config = ConfigLoader.load(null, environment, all);
        AfMetrics metrics = new AfMetrics();
        // The NEF client as the runtime makes it: the NEF's TLS and the token source the configuration names.
        VertxAsSessionWithQosClient.Builder nef = NefAccess.clientBuilder(vertx, config)
                .metrics(metrics).backoff(Duration.ofMillis(20), Duration.ofMillis(200));
        AfServer af = await(AfServer.start(vertx, config, nef.build(), new InMemoryDeliveryStore(), metrics));
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (sslContext != null) {
            http.sslContext(sslContext);
        }
        return new SecureAf(vertx, emulator, af, config, http.build(), ownsVertx);
    }

    URI root() {
        return URI.create((config.tlsOrDefault().serverOrNull() == null ? "http" : "https") + "://127.0.0.1:" + af.port());
    }

    /** A request to the API with {@code token} as bearer (null = none) and a JSON body (null = none). */
    HttpResponse<String> call(String method, String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(root().resolve(path.startsWith("/") ? path : BASE + "/" + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A delivery request the emulator grants (FP32 of 100 MB in 1 s, about 830 Mbit/s; INT8 as the fallback). */
    static JsonObject validBody(String ue) {
        return new JsonObject()
                .put("ue", new JsonObject().put("ipv4Addr", ue))
                .put("server", new JsonObject().put("ipv4Addr", "10.0.0.10").put("port", 443))
                .put("model", new JsonObject().put("name", "resnet-50").put("variants", new JsonArray()
                        .add(new JsonObject().put("id", "resnet-50-fp32").put("precision", "FP32").put("sizeBytes", 100_000_000))
                        .add(new JsonObject().put("id", "resnet-50-int8").put("precision", "INT8").put("sizeBytes", 25_000_000))))
                .put("latencyBudgetMs", 1000);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            await(af.stop());
            if (emulator != null && ownsVertx) {
                await(emulator.close());
            }
        } finally {
            if (ownsVertx) {
                await(vertx.close());
            }
        }
    }
}
