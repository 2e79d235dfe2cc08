package io.modelqos.app.demo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * The AI/ML model server's data plane: sends one model download at a time over loopback TCP, paced by a
 * {@link TokenBucket} that stands for the radio link shaped to the granted rate.
 *
 * <p>Protocol with {@link UeClient}: the UE sends {@code GET <variantId>\n}; the server answers the size as an
 * 8-byte integer, then the model's bytes; the UE answers a receipt of the bytes it got and their CRC-32 (two
 * 8-byte integers). The server's clock runs from the request to the receipt, so it measures the download as
 * the UE saw it plus one loopback round trip. The bytes are a 1 MiB seeded random block, repeated.
 */
final class LoopbackModelServer implements AutoCloseable {

    static final int SOCKET_BUFFER = 4 * 1024 * 1024;
    private static final int BLOCK = 1024 * 1024;
    private static final int MAX_PACED_WRITE = 256 * 1024;

    private final ServerSocket listener;
    private final byte[] block = new byte[BLOCK];

    /**
     * What one download sent and what the UE confirmed.
     *
     * @param bytes          bytes sent
     * @param elapsedNanos   from the UE's request to its receipt
     * @param crc            CRC-32 of the bytes sent
     * @param receivedBytes  bytes the UE says it received
     * @param receivedCrc    CRC-32 the UE computed
     */
    record Sent(long bytes, long elapsedNanos, long crc, long receivedBytes, long receivedCrc) {
        boolean intact() {
            return receivedBytes == bytes && receivedCrc == crc;
        }
    }

    LoopbackModelServer(long seed) throws IOException {
        new SplittableRandom(seed).nextBytes(block);
        listener = new ServerSocket();
        listener.setReceiveBufferSize(SOCKET_BUFFER);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.setSoTimeout(10_000);
    }

    int port() {
        return listener.getLocalPort();
    }

    String address() {
        return listener.getInetAddress().getHostAddress();
    }

    /**
     * Accepts the next download, checks it asks for {@code variantId}, sends {@code sizeBytes} through
     * {@code link} (null: as fast as the machine goes) and waits for the UE's receipt.
     */
    Sent send(String variantId, long sizeBytes, TokenBucket link) throws IOException, InterruptedException {
        try (Socket socket = listener.accept()) {
            socket.setSendBufferSize(SOCKET_BUFFER);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            String request = readLine(in);
            if (!request.equals("GET " + variantId)) {
                throw new IOException("the UE asked for '" + request + "', expected GET " + variantId);
            }
            long start = System.nanoTime();
            if (link != null) {
                link.start();   // the link carries nothing before the UE asks
            }
            OutputStream out = socket.getOutputStream();
            DataOutputStream header = new DataOutputStream(out);
            header.writeLong(sizeBytes);
            header.flush();
            CRC32 crc = new CRC32();
            long sent = 0;
            int offset = 0;
            while (sent < sizeBytes) {
                long allowed = link == null ? BLOCK : link.take(Math.min(MAX_PACED_WRITE, sizeBytes - sent));
                while (allowed > 0 && sent < sizeBytes) {
                    int chunk = (int) Math.min(Math.min(allowed, sizeBytes - sent), BLOCK - offset);
                    out.write(block, offset, chunk);
                    crc.update(block, offset, chunk);
                    sent += chunk;
                    allowed -= chunk;
                    offset = (offset + chunk) % BLOCK;
                }
            }
            out.flush();
            DataInputStream receipt = new DataInputStream(in);
            long receivedBytes = receipt.readLong();
            long receivedCrc = receipt.readLong();
            long elapsed = System.nanoTime() - start;
            return new Sent(sent, elapsed, crc.getValue(), receivedBytes, receivedCrc);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0 || line.length() > 256) {
                throw new IOException("no request line from the UE");
            }
            line.append((char) c);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** The UE's side of a download. */
    static final class UeClient {

        /**
         * One download as the UE saw it.
         *
         * @param bytes        bytes received
         * @param crc          their CRC-32
         * @param elapsedNanos from connecting to the last byte
         */
        record Received(long bytes, long crc, long elapsedNanos) {
        }

        private UeClient() {
        }

        /** Downloads {@code variantId} from the server on loopback {@code port}, then sends the receipt. */
        static Received download(int port, String variantId) throws IOException {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(SOCKET_BUFFER);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                long start = System.nanoTime();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + variantId + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                long size = in.readLong();
                byte[] buffer = new byte[BLOCK];
                CRC32 crc = new CRC32();
                long received = 0;
                while (received < size) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - received));
                    if (n < 0) {
                        break;
                    }
                    crc.update(buffer, 0, n);
                    received += n;
                }
                long elapsed = System.nanoTime() - start;
                DataOutputStream receipt = new DataOutputStream(out);
                receipt.writeLong(received);
                receipt.writeLong(crc.getValue());
                receipt.flush();
                // Wait for the server to close, so the receipt is read before this socket goes.
                socket.shutdownOutput();
                while (in.read(buffer) >= 0) {
                    // nothing more is sent
                }
                return new Received(received, crc.getValue(), elapsed);
            }
        }
    }
}
