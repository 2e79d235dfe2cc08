package io.modelqos.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback that holds every chunk the server sends back for a set delay before passing it on, in
 * the order it came: with a database behind it, each round trip takes that much longer, as with a database across
 * a network. What the client sends goes through at once, so requests the client pipelines stay pipelined.
 * The delay may be changed while connections are open (the bench measures with and without on the same
 * connections); a chunk is never passed on before one that arrived earlier.
 *
 * <p>Runs on the Vert.x instance it is given; give it one of its own so that it does not compete with the work
 * it delays.
 */
public final class DelayingTcpProxy implements AutoCloseable {
    private final Vertx vertx;
    private final NetServer server;
    private final NetClient client;
    private final String targetHost;
    private final int targetPort;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private volatile long delayNanos;

    private DelayingTcpProxy(Vertx vertx, String targetHost, int targetPort, Duration delay) {
        this.vertx = vertx;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.delayNanos = delay.toNanos();
        this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(5_000));
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true));
        server.connectHandler(this::accept);
    }

    /** Listens on a free loopback port and forwards every connection to {@code targetHost:targetPort}. */
    public static DelayingTcpProxy start(Vertx vertx, String targetHost, int targetPort, Duration delay) {
        DelayingTcpProxy proxy = new DelayingTcpProxy(vertx, targetHost, targetPort, delay);
        proxy.server.listen().timeout(10, TimeUnit.SECONDS).await();
        return proxy;
    }

    public int port() {
        return server.actualPort();
    }

    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    /** From now on, chunks from the server are held this long (those already held keep their time). */
    public void delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        delayNanos = delay.toNanos();
    }

    private void accept(NetSocket downstream) {
        downstream.pause();
        open.add(downstream);
        downstream.closeHandler(v -> open.remove(downstream));
        client.connect(targetPort, targetHost).onComplete(connected -> {
            if (connected.failed()) {
                downstream.close();
                return;
            }
            NetSocket upstream = connected.result();
            open.add(upstream);
            upstream.closeHandler(v -> open.remove(upstream));
            // Client to server: at once, with back-pressure, closing the server side when the client goes.
            downstream.pipeTo(upstream);
            new DelayedLane(upstream, downstream).start();
            downstream.resume();
        });
    }

    /** Server to client on one connection: a FIFO of chunks, each released at its due time. */
    private final class DelayedLane {
        private final NetSocket from;
        private final NetSocket to;
        private final ArrayDeque<Held> held = new ArrayDeque<>();
        private long lastDue;
        private boolean timerArmed;
        private boolean ended;

        DelayedLane(NetSocket from, NetSocket to) {
            this.from = from;
            this.to = to;
        }

        void start() {
            from.handler(this::arrived);
            from.endHandler(v -> {
                ended = true;
                releaseDue();
            });
            to.closeHandler(v -> {
                open.remove(to);
                from.close();
            });
        }

        private void arrived(Buffer chunk) {
            // Never before a chunk that came earlier, even if the delay was lowered meanwhile.
            long due = Math.max(System.nanoTime() + delayNanos, lastDue);
            lastDue = due;
            if (held.isEmpty() && due <= System.nanoTime()) {
                forward(chunk);
                return;
            }
            held.add(new Held(due, chunk));
            armTimer();
        }

        private void releaseDue() {
            timerArmed = false;
            long now = System.nanoTime();
            while (!held.isEmpty() && held.peek().due() <= now) {
                forward(held.poll().chunk());
            }
            if (!held.isEmpty()) {
                armTimer();
            } else if (ended) {
                to.end();
            }
        }

        private void armTimer() {
            if (timerArmed || held.isEmpty()) {
                return;
            }
            timerArmed = true;
            long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(held.peek().due() - System.nanoTime() + 999_999));
            vertx.setTimer(waitMs, id -> releaseDue());
        }

        private void forward(Buffer chunk) {
            to.write(chunk);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(v -> from.resume());
            }
        }
    }

    private record Held(long due, Buffer chunk) {
    }

    /** Stops listening and closes every connection it holds. */
    @Override
    public void close() {
        server.close().timeout(10, TimeUnit.SECONDS).await();
        open.forEach(NetSocket::close);
        client.close().timeout(10, TimeUnit.SECONDS).await();
    }
}
