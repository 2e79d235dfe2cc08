package io.modelqos.conformance.nef;

import io.modelqos.conformance.WebClientTap;
import io.modelqos.conformance.WebClientTap.Tapped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.modelqos.conformance.WebClientTap.map;

/**
 * What the AF's client exchanged with a live NEF, for the probe: only AsSessionWithQoS traffic is kept; token requests
 * are counted, never recorded (their answers carry tokens).
 */
final class WireTap {
    private final List<NefExchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final String test;
    private volatile int tokenRequests;
    private final WebClientTap interceptor = new WebClientTap(this::record);

    WireTap(String test) {
        this.test = test;
    }

    /** The WebClient interceptor that feeds this tap. */
    WebClientTap interceptor() {
        return interceptor;
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

    private void record(Tapped t) {
        if (!t.uri().contains(WireMockNef.API + "/")) {
            tokenRequests++;
            return;
        }
        exchanges.add(new NefExchange(NefExchange.AF_TO_NEF, t.method(), t.uri(), map(t.requestHeaders()),
                t.requestBody(), t.status(), t.answered() ? map(t.responseHeaders()) : null, t.responseBody(), test,
                t.answered() ? null : "no-answer"));
    }
}
