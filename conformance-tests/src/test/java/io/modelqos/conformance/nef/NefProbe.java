package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.config.NefOptions;
import io.modelqos.af.nef.NefException;
import io.modelqos.af.nef.NefProblemException;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.FlowInfo;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.openapi.validation.SpecValidator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Drives one subscription through a NEF with the AF's real client — create, read, list, modify, delete, read
 * again — and reports where the NEF deviates from TS 29.122: status codes, {@code Location}, {@code self},
 * {@code supportedFeatures}, content types, and every exchange validated against the project's and (when
 * configured) the official OpenAPI files. The exchanges are taken from the wire by a {@link WireTap}.
 *
 * <p>Whatever happens, a subscription the probe made is deleted before it returns (when the NEF lets it).
 */
final class NefProbe {

    /** What to probe, from {@code -Dnef.probe.*} system properties. */
    record Settings(String apiRoot, String scsAsId, String tokenUrl, String clientId, String clientSecret,
                    String ueIpv4, String qosReference, String supportedFeatures, String notificationDestination,
                    long timeoutMs) {

        static final String PREFIX = "nef.probe.";

        /** The settings, or empty when {@code nef.probe.apiRoot} or {@code nef.probe.scsAsId} is missing. */
        static Optional<Settings> fromSystemProperties() {
            String apiRoot = property("apiRoot", null);
            String scsAsId = property("scsAsId", null);
            if (apiRoot == null || scsAsId == null) {
                return Optional.empty();
            }
            return Optional.of(new Settings(apiRoot, scsAsId, property("tokenUrl", null), property("clientId", null),
                    property("clientSecret", null), property("ueIpv4", "10.45.0.99"),
                    property("qosReference", "mq-gbr-50M"), property("supportedFeatures", "830"),
                    property("notificationDestination",
                            "http://127.0.0.1:9/modelqos-probe/" + UUID.randomUUID()),
                    Long.parseLong(property("timeoutMs", "5000"))));
        }

        static Settings of(String apiRoot, String scsAsId) {
            return new Settings(apiRoot, scsAsId, null, null, null, "10.45.0.99", "mq-gbr-50M", "830",
                    "http://127.0.0.1:9/modelqos-probe/" + UUID.randomUUID(), 5_000);
        }

        private static String property(String name, String fallback) {
            String value = System.getProperty(PREFIX + name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        @Override
        public String toString() {
            return "apiRoot=" + apiRoot + ", scsAsId=" + scsAsId + ", OAuth2=" + (tokenUrl == null ? "off" : "on (" + tokenUrl + ")")
                    + ", UE=" + ueIpv4 + ", qosReference=" + qosReference + ", supportedFeatures=" + supportedFeatures;
        }
    }

    enum Severity { DEVIATION, NOTE, OK }

    record Finding(Severity severity, String step, String text) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "  %-9s %-8s %s", severity, step, text);
        }
    }

    record Report(Settings settings, List<Finding> findings, List<NefExchange> exchanges, String text) {
        long deviations() {
            return findings.stream().filter(f -> f.severity() == Severity.DEVIATION).count();
        }

        boolean has(Severity severity, String step, String fragment) {
            return findings.stream().anyMatch(f -> f.severity() == severity && f.step().equals(step)
                    && f.text().contains(fragment));
        }
    }

    private static final Pattern SUBSCRIPTION_PATH = Pattern.compile(
            ".*/3gpp-as-session-with-qos/v1/[^/]+/subscriptions/[^/?#]+$");

    private final Vertx vertx;
    private final Settings settings;
    private final List<Finding> findings = new ArrayList<>();
    private final WireTap tap = new WireTap("nef-probe");

    NefProbe(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    Report run() {
        WebClient web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setUserAgent("ModelQoS-AF-probe"));
        web.addInterceptor(tap.interceptor());
        NefOptions options = new NefOptions(settings.apiRoot(), settings.scsAsId(), settings.timeoutMs(), 3_000L,
                null, settings.tokenUrl(), settings.clientId(), settings.clientSecret());
        VertxAsSessionWithQosClient client = VertxAsSessionWithQosClient.builder(vertx, options)
                .webClient(web).metrics(new AfMetrics()).build();
        URI made = null;
        try {
            made = probe(client);
        } finally {
            if (made != null) {
                URI leftover = made;
                attempt("cleanup", () -> client.delete(leftover));
            }
            web.close();
        }
        validateAll();
        return new Report(settings, List.copyOf(findings), tap.exchanges(), render());
    }

    /** The steps; returns the subscription still to be deleted, or null. */
    private URI probe(VertxAsSessionWithQosClient client) {
        AsSessionWithQoSSubscription request = subscription();
        int mark = mark();
        Optional<NefSubscription> created = attempt("create", () -> client.create(request));
        checkCreate(since(mark), created);
        if (created.isEmpty()) {
            return null;
        }
        URI uri = created.get().uri();

        mark = mark();
        Optional<AsSessionWithQoSSubscription> read = attempt("read", () -> client.read(uri));
        checkSuccess("read", since(mark), List.of(200));
        read.ifPresent(body -> checkSelf("read", body.getSelf(), uri));

        mark = mark();
        Optional<List<NefSubscription>> listed = attempt("list", () -> client.list(Optional.of(settings.ueIpv4())));
        checkSuccess("list", since(mark), List.of(200));
        listed.ifPresent(list -> {
            if (list.stream().noneMatch(s -> s.uri().equals(uri))) {
                add(Severity.DEVIATION, "list", "the list filtered by ip-addrs does not contain " + uri);
            } else {
                add(Severity.OK, "list", "contains the subscription");
            }
        });

        mark = mark();
        ObjectNode patch = T8Json.mapper().createObjectNode().put("disUeNotif", false);
        attempt("modify", () -> client.modify(uri, patch));
        checkSuccess("modify", since(mark), List.of(200, 204));

        mark = mark();
        Optional<?> deleted = attempt("delete", () -> client.delete(uri));
        checkSuccess("delete", since(mark), List.of(204, 200));
        if (deleted.isEmpty()) {
            return uri;
        }

        mark = mark();
        attempt("gone", () -> client.read(uri));
        List<NefExchange> gone = since(mark);
        if (!gone.isEmpty() && gone.get(gone.size() - 1).answered()) {
            int status = gone.get(gone.size() - 1).status();
            add(status == 404 ? Severity.OK : Severity.DEVIATION, "gone",
                    "read after delete answered " + status + (status == 404 ? "" : ", expected 404"));
        }
        return null;
    }

    private AsSessionWithQoSSubscription subscription() {
        return new AsSessionWithQoSSubscription()
                .supportedFeatures(settings.supportedFeatures())
                .notificationDestination(settings.notificationDestination())
                .ueIpv4Addr(settings.ueIpv4())
                .flowInfo(List.of(new FlowInfo().flowId(1).flowDescriptions(List.of(
                        "permit out 6 from 198.51.100.10 443 to " + settings.ueIpv4()))))
                .qosReference(settings.qosReference())
                .events(List.of(UserPlaneEvent.QOS_GUARANTEED, UserPlaneEvent.QOS_NOT_GUARANTEED,
                        UserPlaneEvent.SUCCESSFUL_RESOURCES_ALLOCATION, UserPlaneEvent.FAILED_RESOURCES_ALLOCATION));
    }

    // ------------------------------------------------------------------------------------------
    // Checks
    // ------------------------------------------------------------------------------------------

    private void checkCreate(List<NefExchange> exchanges, Optional<NefSubscription> created) {
        NefExchange post = exchanges.stream().filter(e -> e.method().equals("POST") && e.answered()).findFirst().orElse(null);
        if (post == null) {
            add(Severity.DEVIATION, "create", "no answer to the POST");
            return;
        }
        if (post.status() != 201) {
            add(Severity.DEVIATION, "create", "answered " + post.status() + ", expected 201");
        }
        checkContentType("create", post);
        List<String> location = header(post, "Location");
        if (post.status() == 201 && location.isEmpty()) {
            add(Severity.DEVIATION, "create", "201 without Location (required)");
        }
        if (!location.isEmpty()) {
            URI resolved = URI.create(post.uri()).resolve(location.get(0));
            if (!location.get(0).startsWith("http")) {
                add(Severity.NOTE, "create", "relative Location '" + location.get(0) + "'");
            }
            if (!SUBSCRIPTION_PATH.matcher(resolved.getPath()).matches()) {
                add(Severity.DEVIATION, "create", "Location " + resolved
                        + " is not {apiRoot}/3gpp-as-session-with-qos/v1/{scsAsId}/subscriptions/{subscriptionId}");
            }
        }
        JsonNode body = json(post.responseBody());
        if (post.status() == 201 && body != null) {
            String self = body.path("self").asText(null);
            if (self == null) {
                add(Severity.DEVIATION, "create", "201 body without self (the NEF shall supply it)");
            } else if (!location.isEmpty() && !URI.create(post.uri()).resolve(self)
                    .equals(URI.create(post.uri()).resolve(location.get(0)))) {
                add(Severity.DEVIATION, "create", "self " + self + " differs from Location " + location.get(0));
            }
            checkFeatures(body.path("supportedFeatures").asText(null));
        }
        created.ifPresent(s -> add(Severity.OK, "create", "subscription " + s.uri()));
    }

    private void checkFeatures(String answered) {
        if (answered == null) {
            add(Severity.DEVIATION, "create", "no supportedFeatures in the 201 although the AF sent '"
                    + settings.supportedFeatures() + "'");
            return;
        }
        try {
            BigInteger nef = answered.isEmpty() ? BigInteger.ZERO : new BigInteger(answered, 16);
            BigInteger af = new BigInteger(settings.supportedFeatures(), 16);
            if (!nef.andNot(af).equals(BigInteger.ZERO)) {
                add(Severity.DEVIATION, "create", "supportedFeatures '" + answered
                        + "' names features the AF did not announce ('" + settings.supportedFeatures() + "')");
            } else {
                add(Severity.OK, "create", "supportedFeatures negotiated: '" + answered + "'");
            }
        } catch (NumberFormatException e) {
            add(Severity.DEVIATION, "create", "supportedFeatures '" + answered + "' is not hexadecimal");
        }
    }

    private void checkSuccess(String step, List<NefExchange> exchanges, List<Integer> expected) {
        NefExchange last = exchanges.isEmpty() ? null : exchanges.get(exchanges.size() - 1);
        if (last == null || !last.answered()) {
            add(Severity.DEVIATION, step, "no answer");
            return;
        }
        for (NefExchange e : exchanges) {
            if (e.answered() && (e.status() == 307 || e.status() == 308)) {
                add(Severity.NOTE, step, "redirected (" + e.status() + ") to " + header(e, "Location"));
            }
        }
        if (!expected.contains(last.status())) {
            add(Severity.DEVIATION, step, "answered " + last.status() + ", expected " + expected
                    + problemOf(last));
        } else {
            add(Severity.OK, step, "answered " + last.status());
        }
        checkContentType(step, last);
    }

    private void checkSelf(String step, String self, URI uri) {
        if (self == null) {
            add(Severity.DEVIATION, step, "representation without self");
        } else if (!uri.resolve(self).equals(uri)) {
            add(Severity.DEVIATION, step, "self " + self + " is not the subscription's URI " + uri);
        } else {
            add(Severity.OK, step, "self is the subscription's URI");
        }
    }

    private void checkContentType(String step, NefExchange e) {
        if (!e.answered() || e.responseBody() == null) {
            return;
        }
        String type = header(e, "Content-Type").stream().findFirst().orElse("(none)").toLowerCase(Locale.ROOT);
        String expected = e.status() >= 400 ? "application/problem+json" : "application/json";
        if (!type.startsWith(expected)) {
            add(Severity.DEVIATION, step, e.status() + " with Content-Type " + type + ", expected " + expected);
        }
    }

    private void validateAll() {
        for (NefExchange e : tap.exchanges()) {
            for (String error : ExchangeChecks.errors(e)) {
                add(Severity.DEVIATION, "openapi", error.replace("\n", "\n                     "));
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Plumbing
    // ------------------------------------------------------------------------------------------

    private interface Call<T> {
        Future<T> start();
    }

    /**
     * Runs one call. An error status the NEF answered is judged by the step's status check, so it is not
     * reported here; anything else (no answer, an answer the client could not use) is.
     */
    private <T> Optional<T> attempt(String step, Call<T> call) {
        try {
            return Optional.ofNullable(call.start().toCompletionStage().toCompletableFuture()
                    .get(settings.timeoutMs() * 4 + 10_000, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NefProblemException && !"cleanup".equals(step)) {
                return Optional.empty();
            }
            String what = cause instanceof NefException n ? n.getClass().getSimpleName() + ": " + n.getMessage() : cause.toString();
            add("cleanup".equals(step) ? Severity.NOTE : Severity.DEVIATION, step, "failed: " + what);
            return Optional.empty();
        } catch (Exception e) {
            add(Severity.DEVIATION, step, "no result: " + e);
            return Optional.empty();
        }
    }

    private int mark() {
        return tap.exchanges().size();
    }

    private List<NefExchange> since(int mark) {
        List<NefExchange> all = tap.exchanges();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    private static String problemOf(NefExchange e) {
        JsonNode problem = json(e.responseBody());
        if (problem == null || !problem.isObject()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (String field : List.of("cause", "title", "detail")) {
            if (problem.hasNonNull(field)) {
                s.append(s.length() == 0 ? " (" : ", ").append(field).append('=').append(problem.get(field).asText());
            }
        }
        return s.length() == 0 ? "" : s.append(')').toString();
    }

    private static List<String> header(NefExchange e, String name) {
        if (e.responseHeaders() == null) {
            return List.of();
        }
        List<String> values = e.responseHeaders().get(name);
        return values == null ? List.of() : values;
    }

    private static JsonNode json(String body) {
        if (body == null) {
            return null;
        }
        try {
            return T8Json.mapper().readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private void add(Severity severity, String step, String text) {
        findings.add(new Finding(severity, step, text));
    }

    private String render() {
        StringBuilder s = new StringBuilder();
        s.append("NEF probe: TS 29.122 AsSessionWithQoS conformance of a live NEF\n");
        s.append("  at       ").append(Instant.now()).append('\n');
        s.append("  target   ").append(settings).append('\n');
        s.append("  specs    ").append(Specs.all().stream().map(SpecValidator::label).toList())
                .append(Specs.official().isPresent() ? "" : " (official files not configured: -Dthreegpp.spec.dir)")
                .append('\n');
        if (tap.tokenRequests() > 0) {
            s.append("  OAuth2   ").append(tap.tokenRequests()).append(" token request(s), not recorded\n");
        }
        long deviations = findings.stream().filter(f -> f.severity() == Severity.DEVIATION).count();
        long notes = findings.stream().filter(f -> f.severity() == Severity.NOTE).count();
        s.append("\nFindings: ").append(deviations).append(" deviation(s), ").append(notes).append(" note(s)\n");
        findings.forEach(f -> s.append(f).append('\n'));
        s.append("\nExchanges\n");
        for (NefExchange e : tap.exchanges()) {
            s.append("  ").append(e.method()).append(' ').append(e.uri()).append(" -> ")
                    .append(e.answered() ? e.status() + " " + header(e, "Content-Type").stream().findFirst().orElse("")
                            : "no answer").append('\n');
        }
        return s.toString();
    }
}
