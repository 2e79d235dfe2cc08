package io.modelqos.conformance.pcf;

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
 * Records what the AF's WebClient sent to a live PCF, BSF and NRF and what came back (a WebClient interceptor), for the
 * probe of a live core where no WireMock journal exists. Token answers are kept without their body (they carry the
 * token); the Authorization header is never kept.
 */
final class SbiWireTap implements Handler<HttpContext<?>> {
    private static final String BODY = "modelqos.sbi-wiretap.body";

    private final List<SbiTraffic.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final String test;

    SbiWireTap(String test) {
        this.test = test;
    }

    @Override
    public void handle(HttpContext<?> ctx) {
        switch (ctx.phase()) {
            case PREPARE_REQUEST -> ctx.set(BODY, ctx.body());
            case DISPATCH_RESPONSE -> record(ctx, ctx.response());
            case FAILURE -> record(ctx, null);
            default -> {
            }
        }
        ctx.next();
    }

    List<SbiTraffic.Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    private void record(HttpContext<?> ctx, HttpResponse<?> response) {
        HttpRequest<?> request = ctx.request();
        HttpClientRequest sent = ctx.clientRequest();
        String uri = sent != null ? sent.absoluteURI()
                : (Boolean.TRUE.equals(request.ssl()) ? "https://" : "http://") + request.host() + ":" + request.port()
                + request.uri();
        boolean token = uri.contains("/oauth2/token");
        Object body = ctx.get(BODY);
        String api = uri.contains("/nbsf-management/") ? "bsf" : uri.contains("/npcf-policyauthorization/") ? "pcf" : "nrf";
        exchanges.add(new SbiTraffic.Exchange("af-to-" + api, request.method().name(), uri,
                map(sent != null ? sent.headers() : request.headers()),
                token ? null : body instanceof Buffer b && b.length() > 0 ? b.toString() : null,
                response == null ? 0 : response.statusCode(), response == null ? Map.of() : map(response.headers()),
                token || response == null || !(response.body() instanceof Buffer rb) || rb.length() == 0 ? null
                        : rb.toString(), test, response == null ? "no-answer" : null));
    }

    private static Map<String, List<String>> map(MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : headers.names()) {
            if (!name.equalsIgnoreCase("Authorization")) {
                map.put(name, new ArrayList<>(headers.getAll(name)));
            }
        }
        return map;
    }
}
