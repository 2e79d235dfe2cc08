package io.modelqos.conformance.pcf;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * One WireMock server playing the operator's core for the N5 path: the NRF (discovery and tokens), the BSF (the UE's
 * PCF binding) and the PCF (app sessions), each under its own API prefix, every served exchange recorded
 * ({@link SbiTraffic}); and the PCF's side of the callbacks, sent to the AF by {@link #notifyAf}.
 */
final class WireMockCore implements AutoCloseable {
    static final String APP_SESSIONS = "/npcf-policyauthorization/v1/app-sessions";
    static final String NF_INSTANCE = "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5";
    /** A stub answer carrying this header was made wrong on purpose: recorded as the exchange's injectedFault. */
    static final String FAULT_HEADER = "X-Injected-Fault";

    final WireMockServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    volatile String test = "";

    WireMockCore() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.addMockServiceRequestListener((request, response) -> {
            String fault = response.getHeaders().getHeader(FAULT_HEADER).isPresent()
                    ? response.getHeaders().getHeader(FAULT_HEADER).firstValue() : null;
            String url = request.getAbsoluteUrl();
            String api = url.contains("/nbsf-management/") ? "bsf" : url.contains("/npcf-policyauthorization/") ? "pcf"
                    : "nrf";
            SbiTraffic.write(new SbiTraffic.Exchange("af-to-" + api, request.getMethod().getName(), url,
                    headers(request.getHeaders(), false), request.getBodyAsString(), response.getStatus(),
                    headers(response.getHeaders(), true), response.getBodyAsString(), test, fault));
        });
        server.start();
        stubTheChain();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** The NRF's token and discovery, and the BSF's binding for any UE, naming this server as BSF and PCF. */
    void stubTheChain() {
        server.stubFor(post("/oauth2/token").willReturn(json(200,
                "{\"access_token\":\"n5-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                .withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache")));
        server.stubFor(get(urlPathEqualTo("/nnrf-disc/v1/nf-instances")).willReturn(json(200,
                "{\"validityPeriod\":3600,\"nfInstances\":[{\"nfInstanceId\":\"" + NF_INSTANCE + "\",\"nfType\":\"BSF\","
                        + "\"nfStatus\":\"REGISTERED\",\"nfServices\":[{\"serviceInstanceId\":\"bsf-1\",\"serviceName\":"
                        + "\"nbsf-management\",\"versions\":[{\"apiVersionInUri\":\"v1\",\"apiFullVersion\":\"1.4.0\"}],"
                        + "\"scheme\":\"http\",\"nfServiceStatus\":\"REGISTERED\",\"ipEndPoints\":[{\"ipv4Address\":"
                        + "\"127.0.0.1\",\"port\":" + server.port() + "}]}]}]}")));
        server.stubFor(get(urlPathEqualTo("/nbsf-management/v1/pcfBindings")).willReturn(json(200,
                "{\"dnn\":\"internet\",\"snssai\":{\"sst\":1},\"pcfIpEndPoints\":[{\"ipv4Address\":\"127.0.0.1\","
                        + "\"port\":" + server.port() + "}]}")));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A PCF's 201: the session's address, and its representation (here what the PCF adds: its features). */
    static ResponseDefinitionBuilder created(String location) {
        return json(201, "{\"ascRespData\":{\"suppFeat\":\"0\"}}").withHeader("Location", location);
    }

    static ResponseDefinitionBuilder problem(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json").withBody(body);
    }

    /** The settings that point the AF at this core through the NRF. */
    Map<String, String> afSettings() {
        return Map.of("southbound.kind", "pcf", "pcf.nrfApiRoot", baseUrl(), "pcf.nfInstanceId",
                "6d6f6465-6c71-4f73-8000-00000000af01", "pcf.timeoutMs", "2000");
    }

    /** The PCF posts {@code body} to the AF at {@code uri} (a notifUri + /notify or /terminate); recorded. */
    HttpResponse<String> notifyAf(String uri, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> requestHeaders = Map.of("Content-Type", List.of("application/json"));
        SbiTraffic.write(new SbiTraffic.Exchange("pcf-to-af", "POST", uri, requestHeaders, body,
                response.statusCode(), response.headers().map(), response.body(), test, null));
        return response;
    }

    private static Map<String, List<String>> headers(HttpHeaders headers, boolean dropFaultMarker) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpHeader h : headers.all()) {
            if (dropFaultMarker && h.key().equalsIgnoreCase(FAULT_HEADER)) {
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
