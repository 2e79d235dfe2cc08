package io.modelqos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Verifies that the client builder fails fast on bad settings and derives new clients without changing old ones. */
class ModelQosClientBuilderTest {

    @Test
    void aMissingBaseUriIsNamedNotAnNpe() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelQosClient.builder().build());
        assertTrue(e.getMessage().startsWith("baseUri is required"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelQosClient.builder().baseUri(null))
                .getMessage().contains("baseUri"));
    }

    @Test
    void aNullTokenMeansNoTokenForAnOpenAf() {
        ModelQosClient client = ModelQosClient.builder().baseUri(URI.create("http://localhost:8080"))
                .bearerToken(System.getenv("MODELQOS_TOKEN_THAT_IS_NOT_SET")).build();
        assertEquals(URI.create("http://localhost:8080/model-delivery/v1"), client.apiRoot());
    }

    @Test
    void refusesABaseUriThatIsNotAnAbsoluteHttpUri() {
        assertThrows(IllegalArgumentException.class, () -> ModelQosClient.builder().baseUri(URI.create("/af")));
        assertThrows(IllegalArgumentException.class,
                () -> ModelQosClient.builder().baseUri(URI.create("ftp://af.example")));
        assertThrows(IllegalArgumentException.class,
                () -> ModelQosClient.builder().baseUri(URI.create("http://af.example/?x=1")));
    }

    @Test
    void refusesANonPositiveTimeoutAndABlankToken() {
        assertThrows(IllegalArgumentException.class, () -> ModelQosClient.builder().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ModelQosClient.builder().bearerToken(" "));
    }

    @Test
    void appendsTheApiPathToTheBaseUri() {
        assertEquals(URI.create("http://localhost:8080/model-delivery/v1"),
                ModelQosClient.builder().baseUri(URI.create("http://localhost:8080")).build().apiRoot());
        assertEquals(URI.create("https://gw.example/af/model-delivery/v1"),
                ModelQosClient.builder().baseUri(URI.create("https://gw.example/af/")).build().apiRoot());
    }

    @Test
    void newBuilderDerivesAClientAndLeavesTheOriginalAsItWas() {
        ModelQosClient original = ModelQosClient.builder().baseUri(URI.create("http://af-1:8080")).bearerToken("t").build();

        ModelQosClient derived = original.newBuilder().baseUri(URI.create("http://af-2:8080")).build();

        assertEquals(URI.create("http://af-2:8080"), derived.baseUri());
        assertEquals(URI.create("http://af-1:8080"), original.baseUri());
    }

    @Test
    void keepsTheTokenOutOfToString() {
        ModelQosClient client = ModelQosClient.builder().baseUri(URI.create("http://localhost:8080"))
                .bearerToken("s3cret").build();

        assertFalse(client.toString().contains("s3cret"), client.toString());
    }
}
