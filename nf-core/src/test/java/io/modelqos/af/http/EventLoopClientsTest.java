package io.modelqos.af.http;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLoopClientsTest {
    private Vertx vertx;
    private HttpServer server;
    /** The server's view: the client ports each request came from. */
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        vertx = EventLoopGuard.vertx();
        server = vertx.createHttpServer().requestHandler(r -> {
            clientPorts.add(r.remoteAddress().port());
            r.response().end("ok");
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachEventLoopCallsOnAClientOfItsOwnWhoseConnectionsStayOnThatLoop() throws Exception {
        EventLoopClients clients = EventLoopClients.perEventLoop(() -> WebClient.create(vertx));
        Context a = eventLoopContext(null);
        Context b = eventLoopContext(a);
        WebClient ofA = on(a, clients::current);
        assertSame(ofA, on(a, clients::current), "the same loop, the same client");
        WebClient ofB = on(b, clients::current);
        assertNotSame(ofA, ofB);
        assertNotSame(ofA, clients.current(), "off an event loop: the shared client");
        assertEquals(2, clients.eventLoopClients());

        // Three calls in turn from each loop: each answer comes back on the calling loop's thread, over connections
        // that loop opened (two client ports in all, one per loop, since each loop's calls follow one another).
        for (Context loop : java.util.List.of(a, b)) {
            Thread thread = on(loop, Thread::currentThread);
            for (int i = 0; i < 3; i++) {
                Thread answeredOn = on(loop, () -> clients.current().get(server.actualPort(), "127.0.0.1", "/")
                        .send().map(response -> Thread.currentThread())).toCompletionStage().toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                assertSame(thread, answeredOn);
            }
        }
        assertEquals(2, clientPorts.size(), "one keep-alive connection per event loop: " + clientPorts);
        clients.close();
    }

    @Test
    void closingClosesEveryClientItMade() throws Exception {
        EventLoopClients clients = EventLoopClients.perEventLoop(() -> WebClient.create(vertx));
        Context a = eventLoopContext(null);
        WebClient ofA = on(a, clients::current);
        clients.close();
        assertSame(clients.current(), on(a, clients::current), "closed: no new client, the shared one");
        for (WebClient closed : java.util.List.of(ofA, clients.current())) {
            Exception e = assertThrows(Exception.class, () -> closed.get(server.actualPort(), "127.0.0.1", "/").send()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("closed"), e.toString());
        }
    }

    @Test
    void aSingleClientServesEveryCallerAndIsClosedOnlyWhenOwned() throws Exception {
        WebClient given = WebClient.create(vertx);
        EventLoopClients shared = EventLoopClients.single(given, false);
        assertSame(given, on(eventLoopContext(null), shared::current));
        shared.close();
        assertEquals("ok", given.get(server.actualPort(), "127.0.0.1", "/").send()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).bodyAsString());
    }

    /** A new event-loop context, on another event loop than {@code other}'s when given. */
    private Context eventLoopContext(Context other) {
        for (int i = 0; i < 64; i++) {
            ContextInternal context = ((VertxInternal) vertx).createEventLoopContext();
            if (other == null || context.nettyEventLoop() != ((ContextInternal) other).nettyEventLoop()) {
                return context;
            }
        }
        throw new IllegalStateException("Vert.x has one event loop only");
    }

    private static <T> T on(Context context, Supplier<T> work) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> result.complete(work.get()));
        return result.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
