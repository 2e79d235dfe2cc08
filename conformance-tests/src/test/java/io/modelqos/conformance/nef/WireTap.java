package io.modelqos.conformance.nef;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.impl.HttpContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the exchanges of a Vert.x WebClient as the AF's client saw them on the wire (a WebClient interceptor,
 * a Vert.x internal hook), for the probe of a live NEF where no WireMock journal exists. Only AsSessionWithQoS
 * traffic is kept; token requests are counted, never recorded (their answers carry tokens).
 */
final class WireTap implements Handler<HttpContext<?>> {

    private static final String BODY = "modelqos.wiretap.body";

    private final List<NefExchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final String test;
    private volatile int tokenRequests;

    WireTap(String test) {
        this.test = test;
    }

    @Override
    public void handle(HttpContext<?> ctx) {
        switch (ctx.phase()) {
            // The body is only known while the request is prepared: keep it for the answer.
            case PREPARE_REQUEST -> ctx.set(BODY, ctx.body());
            case DISPATCH_RESPONSE -> record(ctx, ctx.response());
            case FAILURE -> record(ctx, null);
            default -> {
            }
        }
        ctx.next();
    }

    /** The exchanges recorded so far, oldest first. */
    List<NefExchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    int tokenRequests() {
        return tokenRequests;
    }

    private void record(HttpContext<?> ctx, HttpResponse<?> response) {
        HttpRequest<?> request = ctx.request();
        HttpClientRequest sent = ctx.clientRequest();
        String uri = sent != null ? sent.absoluteURI()
                : (Boolean.TRUE.equals(request.ssl()) ? "https://" : "http://") + request.host() + ":" + request.port() + request.uri();
        if (!uri.contains(WireMockNef.API + "/")) {
            tokenRequests++;
            return;
        }
        MultiMap requestHeaders = sent != null ? sent.headers() : request.headers();
        Object body = ctx.get(BODY);
        exchanges.add(new NefExchange(NefExchange.AF_TO_NEF, request.method().name(), uri, map(requestHeaders),
                body instanceof Buffer b && b.length() > 0 ? b.toString() : null,
                response == null ? null : response.statusCode(),
                response == null ? null : map(response.headers()),
                response == null || !(response.body() instanceof Buffer rb) || rb.length() == 0 ? null : rb.toString(),
                test, response == null ? "no-answer" : null));
    }

    private static Map<String, List<String>> map(MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : headers.names()) {
            map.put(name, new ArrayList<>(headers.getAll(name)));
        }
        return map;
    }
}
