package io.modelqos.af.nef;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Closing the NEF client closes the WebClient made for it alone (NefAccess's, with the NEF's TLS), and leaves a shared
 * one open for its other users.
 */
class ClientWebClientOwnershipTest {
    private final Vertx vertx = EventLoopGuard.vertx();
    private final WireMockNef nef = new WireMockNef();

    @AfterEach
    void stop() throws Exception {
        nef.server.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private int status(WebClient web) throws Exception {
        return web.getAbs(nef.server.baseUrl() + "/anything").send().toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS).statusCode();
    }

    @Test
    void aWebClientMadeForTheClientIsClosedWithItAndASharedOneIsNot() throws Exception {
        WebClient own = WebClient.create(vertx);
        WebClient shared = WebClient.create(vertx);
        nef.client(vertx, 1000, 1000, false).ownWebClient(own).build().close();
        nef.client(vertx, 1000, 1000, false).webClient(shared).build().close();

        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> status(own),
                "closed with the client that owned it");
        assertEquals("Client is closed", closed.getMessage());
        assertEquals(404, status(shared), "still open for its other users");
        shared.close();
    }
}
