package io.modelqos.conformance;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.impl.HttpContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands each exchange of a Vert.x WebClient, as the AF's client saw it on the wire, to a recorder (a WebClient
 * interceptor, a Vert.x internal hook): for the probes of a live core, where no WireMock journal exists. What to keep of
 * an exchange (and what never to keep: tokens, credentials) is the recorder's choice.
 */
public final class WebClientTap implements Handler<HttpContext<?>> {
    private static final String BODY = "modelqos.web-client-tap.body";

    /**
     * One exchange: the request's method, absolute URI, headers and body (null when empty), and the answer's status,
     * headers and body (status and headers null, body null, when no answer came).
     */
    public record Tapped(String method, String uri, MultiMap requestHeaders, String requestBody, Integer status,
                         MultiMap responseHeaders, String responseBody) {
        public boolean answered() {
            return status != null;
        }
    }

    private final Consumer<Tapped> recorder;

    public WebClientTap(Consumer<Tapped> recorder) {
        this.recorder = recorder;
    }

    @Override
    public void handle(HttpContext<?> ctx) {
        switch (ctx.phase()) {
            // The body is only known while the request is prepared: keep it for the answer.
            case PREPARE_REQUEST -> ctx.set(BODY, ctx.body());
            case DISPATCH_RESPONSE -> tapped(ctx, ctx.response());
            case FAILURE -> tapped(ctx, null);
            default -> {
            }
        }
        ctx.next();
    }

    private void tapped(HttpContext<?> ctx, HttpResponse<?> response) {
        HttpRequest<?> request = ctx.request();
        HttpClientRequest sent = ctx.clientRequest();
        String uri = sent != null ? sent.absoluteURI()
                : (Boolean.TRUE.equals(request.ssl()) ? "https://" : "http://") + request.host() + ":" + request.port()
                + request.uri();
        Object body = ctx.get(BODY);
        recorder.accept(new Tapped(request.method().name(), uri, sent != null ? sent.headers() : request.headers(),
                body instanceof Buffer b && b.length() > 0 ? b.toString() : null,
                response == null ? null : response.statusCode(), response == null ? null : response.headers(),
                response == null || !(response.body() instanceof Buffer rb) || rb.length() == 0 ? null : rb.toString()));
    }

    /** {@code headers} as a map of name to values, without those {@code leaveOut} names (any case). */
    public static Map<String, List<String>> map(MultiMap headers, String... leaveOut) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : headers.names()) {
            boolean left = false;
            for (String out : leaveOut) {
                left |= name.equalsIgnoreCase(out);
            }
            if (!left) {
                map.put(name, new ArrayList<>(headers.getAll(name)));
            }
        }
        return map;
    }
}
