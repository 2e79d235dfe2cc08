package io.modelqos.conformance.pcf;

import io.modelqos.conformance.WebClientTap;
import io.modelqos.conformance.WebClientTap.Tapped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.modelqos.conformance.WebClientTap.map;

/**
 * What the AF's client exchanged with a live PCF, BSF and NRF, for the probe. Token answers are kept without their
 * body (they carry the token); the Authorization header is never kept.
 */
final class SbiWireTap {
    private final List<SbiTraffic.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final String test;
    private final WebClientTap interceptor = new WebClientTap(this::record);

    SbiWireTap(String test) {
        this.test = test;
    }

    /** The WebClient interceptor that feeds this tap. */
    WebClientTap interceptor() {
        return interceptor;
    }

    List<SbiTraffic.Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    private void record(Tapped t) {
        boolean token = t.uri().contains("/oauth2/token");
        String uri = t.uri();
        String api = uri.contains("/nbsf-management/") ? "bsf" : uri.contains("/npcf-policyauthorization/") ? "pcf" : "nrf";
        exchanges.add(new SbiTraffic.Exchange("af-to-" + api, t.method(), uri, map(t.requestHeaders(), "Authorization"),
                token ? null : t.requestBody(), t.answered() ? t.status() : 0,
                t.answered() ? map(t.responseHeaders(), "Authorization") : Map.of(), token ? null : t.responseBody(),
                test, t.answered() ? null : "no-answer"));
    }
}
