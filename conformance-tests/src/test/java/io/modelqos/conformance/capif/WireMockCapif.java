package io.modelqos.conformance.capif;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * One WireMock server playing the operator's CAPIF core function (invoker management, discovery, security) and, under
 * {@value #NEF_PREFIX}, the NEF it exposes; every CAPIF exchange is recorded ({@link CapifTraffic}). The AF is
 * onboarded as {@value #INVOKER} unless a test says otherwise.
 */
final class WireMockCapif implements AutoCloseable {
    static final String ONBOARDING_TOKEN = "onboarding-token-from-the-operator";
    static final String INVOKER = "INV-a1b2c3";
    static final String AEF = "AEF-nef-1";
    static final String ACCESS_TOKEN = "capif-issued-nef-token";
    static final String NEF_PREFIX = "/nef";
    static final String ONBOARDED = "/api-invoker-management/v1/onboardedInvokers";
    static final String DISCOVERY = "/service-apis/v1/allServiceAPIs";
    /** A stub answer carrying this header was made wrong on purpose: recorded as the exchange's injectedFault. */
    static final String FAULT_HEADER = "X-Injected-Fault";

    final WireMockServer server;
    volatile String test = "";

    WireMockCapif() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.addMockServiceRequestListener((request, response) -> {
            String url = request.getAbsoluteUrl();
            if (url.contains(NEF_PREFIX + "/")) {
                return; // the NEF's own traffic is the NEF suites' business
            }
            String fault = response.getHeaders().getHeader(FAULT_HEADER).isPresent()
                    ? response.getHeaders().getHeader(FAULT_HEADER).firstValue() : null;
            boolean token = url.endsWith("/token");
            CapifTraffic.write(new CapifTraffic.Exchange("af-to-capif", request.getMethod().getName(), url,
                    headers(request.getHeaders(), false), request.getBodyAsString(), response.getStatus(),
                    headers(response.getHeaders(), true),
                    token && response.getStatus() == 200 ? "{\"access_token\":\"(not kept)\",\"token_type\":\"Bearer\","
                            + "\"expires_in\":3600}" : response.getBodyAsString(), test, fault));
        });
        server.start();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** The whole happy path: onboarding as {@code invoker}, discovery of the NEF here, security, token, NEF. */
    WireMockCapif healthy(String invoker) {
        onboardsAs(invoker);
        server.stubFor(get(urlPathEqualTo(DISCOVERY)).willReturn(json(200, discovered(AEF))));
        server.stubFor(put(urlMatching("/capif-security/v1/trustedInvokers/[^/]+")).willReturn(json(201, """
                {"securityInfo":[{"aefId":"%s","apiId":"as-session-with-qos","prefSecurityMethods":["OAUTH","PKI"],
                  "selSecurityMethod":"OAUTH"}],"notificationDestination":"http://127.0.0.1/capif"}"""
                .formatted(AEF)).withHeader("Location", baseUrl() + "/capif-security/v1/trustedInvokers/" + invoker)));
        server.stubFor(post(urlMatching("/capif-security/v1/securities/[^/]+/token")).willReturn(json(200,
                "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                .withHeader("Cache-Control", "no-store")));
        server.stubFor(delete(urlMatching(ONBOARDED + "/.+")).willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlMatching(NEF_PREFIX + "/3gpp-as-session-with-qos/v1/[^/]+/subscriptions"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withHeader("Location", baseUrl() + NEF_PREFIX + "/3gpp-as-session-with-qos/v1/x/subscriptions/s1")
                        .withBody("{\"self\":\"" + baseUrl() + NEF_PREFIX
                                + "/3gpp-as-session-with-qos/v1/x/subscriptions/s1\",\"supportedFeatures\":\"0\","
                                + "\"notificationDestination\":\"http://127.0.0.1/x\",\"ueIpv4Addr\":\"10.45.0.2\"}")));
        return this;
    }

    /** The onboarding answer: 201 with {@code invoker} and a Location. */
    void onboardsAs(String invoker) {
        server.stubFor(post(ONBOARDED).withHeader("Authorization", equalTo("Bearer " + ONBOARDING_TOKEN))
                .willReturn(json(201, """
                        {"apiInvokerId":"%s","onboardingInformation":{"apiInvokerPublicKey":"(the AF's CSR)"},
                         "notificationDestination":"http://127.0.0.1/capif"}""".formatted(invoker))
                        .withHeader("Location", baseUrl() + ONBOARDED + "/onb-" + invoker)));
    }

    /** A DiscoveredAPIs naming this server's NEF as exposing function {@code aefId}. */
    String discovered(String aefId) {
        return """
                {"serviceAPIDescriptions":[{"apiName":"3gpp-as-session-with-qos","apiId":"as-session-with-qos",
                  "aefProfiles":[{"aefId":"%s","versions":[{"apiVersion":"v1"}],"protocol":"HTTP_1_1",
                    "dataFormat":"JSON","securityMethods":["OAUTH","PKI"],
                    "interfaceDescriptions":[{"ipv4Addr":"127.0.0.1","port":%d,"apiPrefix":"%s"}]}]}]}"""
                .formatted(aefId, server.port(), NEF_PREFIX);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder problem(int status, String cause) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":" + status + ",\"cause\":\"" + cause + "\"}");
    }

    private static Map<String, List<String>> headers(HttpHeaders headers, boolean dropFaultMarker) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpHeader h : headers.all()) {
            if (h.key().equalsIgnoreCase("Authorization")
                    || dropFaultMarker && h.key().equalsIgnoreCase(FAULT_HEADER)) {
                continue;
            }
            out.put(h.key(), new ArrayList<>(h.values()));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop();
    }
}
