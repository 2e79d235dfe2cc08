package io.modelqos.client;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;

/** WireMock servers and clients pointed at them, with quick retries. */
public final class WireMockClients {

    public static final String TOKEN = "af-api-key-1";
    public static final String DELIVERY_ID = "d-7f3a";

    private WireMockClients() {
    }

    public static WireMockExtension wireMock() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    /** A client of the WireMock server with a fixed token and retries a few milliseconds apart. */
    public static ModelQosClient.Builder clientFor(WireMockExtension wireMock) {
        return ModelQosClient.builder()
                .baseUri(URI.create(wireMock.baseUrl()))
                .bearerToken(TOKEN)
                .timeout(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.custom().maxAttempts(3)
                        .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build())
                .eventRetryPolicy(RetryPolicy.custom().maxAttempts(3)
                        .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build());
    }
}
