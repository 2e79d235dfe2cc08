package io.modelqos.conformance.pcf;

import io.modelqos.af.catalog.ModelCatalog;
import io.modelqos.af.config.PcfOptions;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.pcf.PcfSouthbound;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.PlanningPolicy;
import io.modelqos.af.qos.QosCatalog;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.af.southbound.OpenedSession;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.southbound.SessionRequest;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Drives one app session through a live PCF (found as the AF finds it: configured, or through the NRF and the BSF)
 * with the AF's real N5 adapter — create, modify, delete with the final usage, delete again — and reports where the
 * core deviates from TS 29.514, 29.521 and 29.510: every exchange validated against the project's and (when
 * configured) the official files. A session the probe made is deleted before it returns (when the PCF lets it).
 */
final class PcfProbe {

    /** What to probe, from {@code -Dpcf.probe.*} system properties. */
    record Settings(String apiRoot, String bsfApiRoot, String nrfApiRoot, String nfInstanceId, String ueIpv4,
                    String dnn, String snssai, String callbackBase, long timeoutMs) {
        static final String PREFIX = "pcf.probe.";

        /** The settings, or empty when none of apiRoot, bsfApiRoot and nrfApiRoot is set. */
        static Optional<Settings> fromSystemProperties() {
            String pcf = property("apiRoot", null);
            String bsf = property("bsfApiRoot", null);
            String nrf = property("nrfApiRoot", null);
            if (pcf == null && bsf == null && nrf == null) {
                return Optional.empty();
            }
            return Optional.of(new Settings(pcf, bsf, nrf, property("nfInstanceId", UUID.randomUUID().toString()),
                    property("ueIpv4", "10.45.0.99"), property("dnn", "internet"), property("snssai", "1"),
                    property("callbackBase", "http://127.0.0.1:9"), Long.parseLong(property("timeoutMs", "5000"))));
        }

        static Settings viaNrf(String nrfApiRoot) {
            return new Settings(null, null, nrfApiRoot, UUID.randomUUID().toString(), "10.45.0.99", "internet", "1",
                    "http://127.0.0.1:9", 5_000);
        }

        PcfOptions options() {
            return new PcfOptions(apiRoot, bsfApiRoot, nrfApiRoot, nfInstanceId, null, dnn, snssai, null, timeoutMs,
                    null);
        }

        private static String property(String name, String fallback) {
            String value = System.getProperty(PREFIX + name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }
    }

    enum Severity { DEVIATION, NOTE, OK }

    record Finding(Severity severity, String step, String text) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "  %-9s %-8s %s", severity, step, text);
        }
    }

    record Report(List<Finding> findings, List<SbiTraffic.Exchange> exchanges, String text) {
        long deviations() {
            return findings.stream().filter(f -> f.severity() == Severity.DEVIATION).count();
        }
    }

    private final Vertx vertx;
    private final Settings settings;
    private final List<Finding> findings = new ArrayList<>();
    private final SbiWireTap tap = new SbiWireTap("pcf-probe");

    PcfProbe(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    Report run() {
        WebClient web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setUserAgent("ModelQoS-AF-probe"));
        web.addInterceptor(tap.interceptor());
        PcfSouthbound southbound = PcfSouthbound.create(vertx, web, settings.options(), new InMemoryDeliveryStore(),
                new AfMetrics(), Clock.systemUTC());
        southbound.callbackBase(URI.create(settings.callbackBase()));
        southbound.warmUp();
        QosSessions sessions = southbound.sessions();
        SessionRequest request = request();
        String session = null;
        try {
            OpenedSession opened = await(sessions.open(request));
            session = opened.session();
            findings.add(new Finding(Severity.OK, "create", "app session " + session + ", carries "
                    + opened.carriedRefs()));
            List<String> carried = await(sessions.modify(session, request));
            findings.add(new Finding(carried.isEmpty() ? Severity.DEVIATION : Severity.OK, "modify",
                    carried.isEmpty() ? "the answer carries none of the QoS asked for" : "carries " + carried));
            var usage = await(sessions.close(session));
            findings.add(new Finding(Severity.OK, "delete", usage.map(u -> "final usage " + u)
                    .orElse("no final usage in the answer")));
            String closed = session;
            session = null;
            await(sessions.close(closed));
            findings.add(new Finding(Severity.OK, "delete", "a second delete is taken as done (404 or 2xx)"));
        } catch (Exception e) {
            findings.add(new Finding(Severity.DEVIATION, session == null ? "create" : "session", e.toString()));
        } finally {
            if (session != null) {
                try {
                    await(sessions.close(session));
                } catch (Exception e) {
                    findings.add(new Finding(Severity.DEVIATION, "cleanup", "could not delete " + session + ": " + e));
                }
            }
            web.close();
        }
        List<SbiTraffic.Exchange> exchanges = tap.exchanges();
        for (SbiTraffic.Exchange exchange : exchanges) {
            if (exchange.uri().contains("/oauth2/token")) {
                findings.add(new Finding(exchange.status() == 200 ? Severity.OK : Severity.DEVIATION, "token",
                        "token request answered " + exchange.status() + " (bodies not kept: they carry tokens)"));
                continue;
            }
            List<String> errors = N5Checks.errors(exchange);
            findings.add(new Finding(errors.isEmpty() ? Severity.OK : Severity.DEVIATION, exchange.api(),
                    exchange.method() + " " + exchange.uri() + " -> " + exchange.status()
                            + (errors.isEmpty() ? ": conforms" : ":\n      " + String.join("\n      ", errors))));
        }
        StringBuilder text = new StringBuilder("PCF probe (" + (N5Checks.official() ? "project and official files"
                : "project files only") + ")\n");
        findings.forEach(f -> text.append(f).append('\n'));
        text.append(findings.stream().filter(f -> f.severity() == Severity.DEVIATION).count()).append(" deviation(s)\n");
        return new Report(List.copyOf(findings), exchanges, text.toString());
    }

    private SessionRequest request() {
        var variants = ModelCatalog.builtIn().find("resnet-50").orElseThrow().variants();
        SupportedFeatures features = SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G, NefFeature.QOS_MONITORING_5G,
                NefFeature.ALT_QOS_WITH_IND_PARAMS_5G);
        QosPlan plan = (QosPlan) new QosPlanner(QosCatalog.defaultCatalog(), TransferSizer.DEFAULT,
                PlanningPolicy.DEFAULT).plan(PlanRequest.of(variants, Duration.ofSeconds(1)).withNefFeatures(features));
        DeliveryRequest delivery = new DeliveryRequest(new DeliveryRequest.UeAddress(settings.ueIpv4(), null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "resnet-50",
                variants.stream().map(v -> new DeliveryRequest.Variant(v.id(), v.precision().name(), v.sizeBytes(), null))
                        .toList(), 1000, 0.99999, true, null, null, null);
        return new SessionRequest(plan, delivery, "probe-" + UUID.randomUUID(), features);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
