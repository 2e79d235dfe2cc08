package io.modelqos.af;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SharedListenerTest {
    private Vertx vertx;
    private final Set<String> servedOn = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        vertx = EventLoopGuard.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void oneFreePortIsServedOnEveryEventLoopAndClosedWhole() throws Exception {
        List<Context> loops = twoEventLoops();
        SharedListener listener = await(listen(loops));
        SharedListener other = await(listen(loops));
        assertNotEquals(listener.actualPort(), other.actualPort(), "each listener its own free port");

        // Eight connections at once: Vert.x hands them to the servers in turn, so both loops serve some.
        HttpClientAgent client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(8));
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(client.request(HttpMethod.GET, listener.actualPort(), "127.0.0.1", "/")
                    .compose(r -> r.send().compose(response -> response.body().map(Object::toString))));
        }
        await(Future.all(answers));
        assertEquals(2, servedOn.size(), "served on " + servedOn);

        await(listener.close());
        await(other.close());
        assertEquals(listener.actualPort(), bindWithin5s(listener.actualPort()), "the port is free again once closed");
    }

    /** Binds {@code port} and lets it go: Netty closes the shared socket just after the last server's close answers. */
    private static int bindWithin5s(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (ServerSocket free = new ServerSocket()) {
                free.setReuseAddress(true);
                free.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return free.getLocalPort();
            } catch (java.net.BindException stillBound) {
                if (System.nanoTime() > deadline) {
                    throw stillBound;
                }
                Thread.sleep(20);
            }
        }
    }

    private Future<SharedListener> listen(List<Context> loops) {
        return SharedListener.listen(vertx, loops, new HttpServerOptions().setHost("127.0.0.1").setPort(0),
                request -> {
                    servedOn.add(Thread.currentThread().getName());
                    // Held a moment, so that the eight requests are under way at once, on eight connections.
                    vertx.setTimer(50, t -> request.response().end("ok"));
                }, request -> request.response().setStatusCode(400).end());
    }

    private List<Context> twoEventLoops() {
        ContextInternal first = ((VertxInternal) vertx).createEventLoopContext();
        for (int i = 0; i < 64; i++) {
            ContextInternal next = ((VertxInternal) vertx).createEventLoopContext();
            if (next.nettyEventLoop() != first.nettyEventLoop()) {
                return List.of(first, next);
            }
        }
        throw new IllegalStateException("Vert.x has one event loop only");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
