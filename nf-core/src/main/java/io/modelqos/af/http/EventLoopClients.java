package io.modelqos.af.http;

import io.vertx.core.Context;
import io.vertx.ext.web.client.WebClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A WebClient for each event loop that calls through it, made on its first call. Vert.x's connection pool lends any
 * idle connection to any caller, and a connection belongs to the event loop that opened it: with one client shared
 * by the engine's shards, most calls went to the other event loop to be written and came back from it with the answer,
 * a task queued and a thread woken each way. A client used from one event loop only opens its connections on that
 * loop (Vert.x's pool default: the caller's event loop), so a shard's calls stay on its thread. Callers off an event
 * loop (a worker, a test's thread) share one more client, made at once.
 *
 * <p>Each client has the pool its factory gives it, so the connections to one peer are up to that many per event loop.
 */
public final class EventLoopClients implements AutoCloseable {
    private final Supplier<WebClient> factory;
    private final boolean owned;
    private final WebClient offLoop;
    private final Map<Thread, WebClient> byLoop = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private EventLoopClients(Supplier<WebClient> factory, WebClient offLoop, boolean owned) {
        this.factory = factory;
        this.offLoop = offLoop;
        this.owned = owned;
    }

    /** A client per calling event loop from {@code factory}; {@link #close()} closes them all. */
    public static EventLoopClients perEventLoop(Supplier<WebClient> factory) {
        return new EventLoopClients(factory, factory.get(), true);
    }

    /** {@code client} for every caller (a client the caller shares with others, say); closed here if {@code owned}. */
    public static EventLoopClients single(WebClient client, boolean owned) {
        return new EventLoopClients(null, client, owned);
    }

    /** The calling event loop's client (the shared one off an event loop, or once closed). */
    public WebClient current() {
        if (factory == null || closed || !Context.isOnEventLoopThread()) {
            return offLoop;
        }
        Thread loop = Thread.currentThread();
        WebClient client = byLoop.get(loop);
        return client != null ? client : byLoop.computeIfAbsent(loop, l -> factory.get());
    }

    /** How many clients have been made for event loops (tests). */
    int eventLoopClients() {
        return byLoop.size();
    }

    @Override
    public void close() {
        closed = true;
        if (owned) {
            offLoop.close();
            byLoop.values().forEach(WebClient::close);
        }
    }
}
