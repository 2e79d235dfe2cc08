package io.modelqos.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on a plain socket, byte for byte, so that a test can send what no HTTP client library would (bad framing,
 * control characters, duplicate or oversized headers) and see exactly what comes back, including nothing.
 */
final class RawHttp {
    /** What came back: a status with headers and body, or {@link #DROPPED} / {@link #TIMED_OUT}. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        static final int DROPPED = -1;
        static final int TIMED_OUT = -2;

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} on a new connection and reads the first answer. */
    static Answer exchange(int port, byte[] request, int timeoutMs) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading all of it (e.g. 413): read what it said.
            }
            InputStream in = socket.getInputStream();
            Answer answer = read(in);
            while (answer.status() >= 100 && answer.status() < 200) {
                answer = read(in); // an interim answer (100 Continue): the final one follows
            }
            return answer;
        } catch (SocketTimeoutException e) {
            return new Answer(Answer.TIMED_OUT, Map.of(), new byte[0]);
        } catch (IOException e) {
            return new Answer(Answer.DROPPED, Map.of("error", String.valueOf(e)), new byte[0]);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return new Answer(Answer.DROPPED, Map.of("error", "closed after " + head.size() + " bytes"), head.toByteArray());
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > 65_536) {
                throw new IOException("response head too large");
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[1].matches("\\d{3}")) {
            return new Answer(Answer.DROPPED, Map.of("error", "not HTTP: " + lines[0]), head.toByteArray());
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (status < 200 || status == 204 || status == 304) {
            body = new byte[0]; // no body, whatever the headers say
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else {
            body = in.readNBytes(1 << 20);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    /** Builds a request; {@code headers} are written as given (name and value may hold any bytes). */
    static final class Request {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean headEnded;

        Request(String requestLine) {
            raw(requestLine + "\r\n");
        }

        Request header(String name, String value) {
            return raw(name + ": " + value + "\r\n");
        }

        Request raw(String text) {
            return raw(text.getBytes(StandardCharsets.UTF_8));
        }

        Request raw(byte[] data) {
            bytes.writeBytes(data);
            return this;
        }

        /** Ends the head and appends {@code body} as it is. */
        byte[] body(byte[] body) {
            if (!headEnded) {
                raw("\r\n");
                headEnded = true;
            }
            bytes.writeBytes(body);
            return bytes.toByteArray();
        }

        byte[] noBody() {
            return body(new byte[0]);
        }
    }
}
