package io.modelqos.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench's delaying proxy against a real echo server on loopback: what the server sends back is held for the
 * delay, and nothing is reordered or altered, also when the delay is lowered while chunks are held. Only lower bounds
 * on time are asserted (the proxy must not answer early); a slow machine can only make them hold more easily.
 */
class DelayingTcpProxyTest {
    private static Vertx vertx;
    private static NetServer echo;

    @BeforeAll
    static void echoServer() {
        vertx = Vertx.vertx();
        echo = vertx.createNetServer().connectHandler(socket -> socket.handler(socket::write));
        echo.listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void holdsWhatTheServerSendsForTheDelayAndKeepsEveryByteInOrder() throws Exception {
        try (DelayingTcpProxy proxy = DelayingTcpProxy.start(vertx, "127.0.0.1", echo.actualPort(), Duration.ofMillis(80));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            StringBuilder sent = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                sent.append("message ").append(i).append(';');
            }
            byte[] bytes = sent.toString().getBytes(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            // Many small writes: the server echoes them in many chunks, all of which must come back in order.
            for (int i = 0; i < bytes.length; i += 37) {
                out.write(bytes, i, Math.min(37, bytes.length - i));
                out.flush();
            }
            InputStream in = socket.getInputStream();
            int first = in.read();
            long firstAnswerMs = (System.nanoTime() - t0) / 1_000_000;
            byte[] rest = readExactly(in, bytes.length - 1);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            back.write(first);
            back.write(rest);
            assertTrue(firstAnswerMs >= 80, "the first answer came " + firstAnswerMs + " ms after the request, before the delay");
            assertEquals(sent.toString(), back.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aChunkNeverOvertakesAnEarlierOneWhenTheDelayIsLowered() throws Exception {
        try (DelayingTcpProxy proxy = DelayingTcpProxy.start(vertx, "127.0.0.1", echo.actualPort(), Duration.ofMillis(300));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            long t0 = System.nanoTime();
            out.write("first;".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(50);            // the echo of "first" is now held by the proxy for 300 ms
            proxy.delay(Duration.ZERO);
            out.write("second;".getBytes(StandardCharsets.UTF_8));
            out.flush();
            String back = new String(readExactly(socket.getInputStream(), "first;second;".length()), StandardCharsets.UTF_8);
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("first;second;", back);
            assertTrue(elapsedMs >= 300, "both came back after " + elapsedMs + " ms: the first was not held");
        }
    }

    @Test
    void passesTheConnectionsEndOnToTheClient() throws Exception {
        NetServer oneShot = vertx.createNetServer().connectHandler(socket -> socket.end(Buffer.buffer("bye")));
        oneShot.listen(0, "127.0.0.1").await();
        try (DelayingTcpProxy proxy = DelayingTcpProxy.start(vertx, "127.0.0.1", oneShot.actualPort(), Duration.ofMillis(20));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(10_000);
            assertEquals("bye", new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    "the server's last bytes, then the end of the stream");
        } finally {
            oneShot.close().await();
        }
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] buffer = new byte[n];
        int read = 0;
        while (read < n) {
            int r = in.read(buffer, read, n - read);
            if (r < 0) {
                throw new IOException("the stream ended after " + read + " of " + n + " bytes");
            }
            read += r;
        }
        return buffer;
    }
}
