package io.modelqos.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Generates hostile requests from a seed: the same seed, the same cases. Each case names its category, whether it goes
 * to the northbound API (then the answer must be problem+json) or to the NEF callback endpoint, and which statuses are
 * acceptable (always within 4xx).
 */
final class HostileCases {
    static final String BASE = "/model-delivery/v1";

    /** One request and what its answer may be. */
    record Case(String category, String description, byte[] request, boolean northbound, IntPredicate allowed) {
    }

    /** What the generator knows of the AF under attack. */
    record Target(int port, String keyA, String keyB, String deliveryIdB, String callbackIdB, String idempotencyKeyB,
                  JsonObject bodyB, String jwtA) {
    }

    private static final IntPredicate ANY_4XX = s -> s >= 400 && s < 500;
    /** What Vert.x answers to a request line with an HTTP version it does not know, before any handler runs. */
    static final int VERTX_UNKNOWN_VERSION = 501;

    private final Random random;
    private final Target t;
    private final List<Case> cases = new ArrayList<>();

    HostileCases(long seed, Target target) {
        this.random = new Random(seed);
        this.t = target;
    }

    List<Case> generate(int total) {
        // Shares of the total per category; each generator draws from the same seeded random.
        int n = total / 20;
        for (int i = 0; i < 6 * n; i++) {
            jsonMutation();
        }
        for (int i = 0; i < 2 * n; i++) {
            malformedJson();
        }
        for (int i = 0; i < n; i++) {
            contentType();
        }
        for (int i = 0; i < n / 2; i++) {
            oversized();
        }
        for (int i = 0; i < 2 * n; i++) {
            pathIds();
        }
        for (int i = 0; i < n; i++) {
            query();
        }
        for (int i = 0; i < 2 * n; i++) {
            headers();
        }
        for (int i = 0; i < 2 * n; i++) {
            callbacks();
        }
        for (int i = 0; i < n; i++) {
            crossTenant();
        }
        while (cases.size() < total) {
            unauthenticated();
        }
        java.util.Collections.shuffle(cases, random);
        return cases;
    }

    // ------------------------------------------------------------------ values

    private static final String[] HOSTILE_VALUES = {
            "null", "true", "false", "\"\"", "\"x\"", "[]", "{}", "[null]", "[{}]", "-1", "0", "-0", "1.5", "1e308", "-1e308",
            "1e999", "-1e999", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "123456789012345678901234567890123456789", "0.1e-400", "4.9e-324", "1E+2", "\"1000\"", "\"\\u0000\"",
            "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\udbff\\udfff\"", "\"\\u202e\\u202dabc\\u200f\"",
            "\"\\ufeff\"", "\"\\ud83d\\ude00\"", "\"e\\u0301\\u0301\\u0301\"", "\"../../../etc/passwd\"", "\"..\\\\..\\\\win.ini\"",
            "\"%00\"", "\"%2e%2e%2f\"", "\"\\r\\nX-Injected: 1\"", "\"<script>alert(1)</script>\"", "\"${jndi:ldap://x/a}\"",
            "\"' OR 1=1 --\"", "\"   \"", "\"\\t\"", "\"10.45.0.300\"", "\"::ffff:10.0.0.1\"", "\"msisdn-1\"",
            "\"1 Tbps\"", "\"FP64\"", "\"fp32\"", "\"http://\\u0000/\"", "\"javascript:alert(1)\"", "\"http://[::1\""};

    private String hostileValue() {
        int pick = random.nextInt(HOSTILE_VALUES.length + 6);
        return switch (pick - HOSTILE_VALUES.length) {
            case 0 -> "\"" + "A".repeat(1 + random.nextInt(70_000)) + "\"";
            case 1 -> "\"" + "\\u202e\\ud800".repeat(1 + random.nextInt(3000)) + "\"";
            case 2 -> "[".repeat(100 + random.nextInt(3000)) + "]".repeat(random.nextInt(2) * 3000);
            case 3 -> "9".repeat(1 + random.nextInt(5000));
            case 4 -> "{\"a\":".repeat(1 + random.nextInt(1500)) + "1" + "}".repeat(1 + random.nextInt(1500));
            case 5 -> "\"" + randomUnicode(1 + random.nextInt(300)) + "\"";
            default -> HOSTILE_VALUES[pick];
        };
    }

    private String randomUnicode(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0xD800 + random.nextInt(0x800);          // lone surrogates
                case 2 -> 0x200B + random.nextInt(0x10);           // zero-width and direction marks
                case 3 -> 0x1F600 + random.nextInt(0x50);          // emoji
                case 4 -> 0xFFF0 + random.nextInt(0x10);           // specials, BOM, replacement
                default -> 0x20 + random.nextInt(0x5F);
            };
            if (cp == '"' || cp == '\\') {
                cp = 'q';
            }
            if (cp < 0x20 || cp >= 0xD800 && cp < 0xE000) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ bodies

    JsonObject validBody() {
        JsonObject body = SecureAf.validBody("10.46." + random.nextInt(256) + "." + random.nextInt(256));
        if (random.nextBoolean()) {
            body.put("negotiation", new JsonObject().put("allowVariantFallback", random.nextBoolean())
                    .put("maxLatencyBudgetMs", 2000));
        }
        if (random.nextBoolean()) {
            body.put("availability", 0.999).put("notificationUri", "https://ai.example/events")
                    .put("notificationToken", "tok");
        }
        return body;
    }

    /** Applies 1-3 mutations to {@code body} and serialises it, raw fragments included. */
    private String mutate(JsonObject body, boolean forceInvalid) {
        Map<String, String> raw = new java.util.HashMap<>();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            List<Object[]> slots = new ArrayList<>();
            collect(body, slots);
            Object[] slot = slots.get(random.nextInt(slots.size()));
            String placeholder = "__RAW_" + raw.size() + "__";
            int kind = random.nextInt(10);
            if (kind < 6) {
                raw.put(placeholder, hostileValue());
                set(slot, placeholder);
            } else if (kind < 8) {
                remove(slot);
            } else {
                raw.put(placeholder, hostileValue());
                if (slot[0] instanceof JsonObject o) {
                    o.put("x" + random.nextInt(1000), placeholder);
                } else {
                    set(slot, placeholder);
                }
            }
        }
        if (forceInvalid) {
            body.put("unexpected" + random.nextInt(100), true);
        }
        String text = body.encode();
        for (var e : raw.entrySet()) {
            text = text.replace("\"" + e.getKey() + "\"", e.getValue());
        }
        if (random.nextInt(8) == 0) {
            text = text.substring(0, text.length() - 1) + ",\"latencyBudgetMs\":" + (random.nextBoolean() ? "5" : "\"5\"") + "}";
        }
        return text;
    }

    private static void collect(Object node, List<Object[]> slots) {
        if (node instanceof JsonObject o) {
            for (String key : new ArrayList<>(o.fieldNames())) {
                slots.add(new Object[]{o, key});
                collect(o.getValue(key), slots);
            }
        } else if (node instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Object[]{a, i});
                collect(a.getValue(i), slots);
            }
        }
    }

    private static void set(Object[] slot, Object value) {
        if (slot[0] instanceof JsonObject o) {
            o.put((String) slot[1], value);
        } else {
            ((JsonArray) slot[0]).set((Integer) slot[1], value);
        }
    }

    private static void remove(Object[] slot) {
        if (slot[0] instanceof JsonObject o) {
            o.remove((String) slot[1]);
        } else {
            ((JsonArray) slot[0]).remove((int) (Integer) slot[1]);
        }
    }

    private byte[] post(String path, String token, String contentType, byte[] body, String... headers) {
        RawHttp.Request request = new RawHttp.Request("POST " + path + " HTTP/1.1").header("Host", "127.0.0.1:" + t.port());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.header("Content-Length", Integer.toString(body.length)).header("Connection", "close").body(body);
    }

    private byte[] request(String method, String target, String token, String... headers) {
        RawHttp.Request request = new RawHttp.Request(method + " " + target + " HTTP/1.1").header("Host", "127.0.0.1:" + t.port());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.header("Connection", "close").noBody();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String anyToken() {
        return random.nextInt(4) == 0 ? t.jwtA() : t.keyA();
    }

    private void add(String category, String description, byte[] request, boolean northbound, IntPredicate allowed) {
        cases.add(new Case(category, description, request, northbound, allowed));
    }

    // ------------------------------------------------------------------ categories

    private void jsonMutation() {
        int op = random.nextInt(10);
        if (op < 7) {
            String key = switch (random.nextInt(4)) {
                case 0 -> t.idempotencyKeyB();
                case 1 -> "k-" + random.nextInt(1_000_000);
                default -> null;
            };
            String body = mutate(validBody(), false);
            add("json-mutation", "create", key == null ? post(BASE + "/deliveries", anyToken(), "application/json", utf8(body))
                    : post(BASE + "/deliveries", anyToken(), "application/json", utf8(body), "Idempotency-Key", key),
                    true, s -> s >= 400 && s < 500 && s != 409);
        } else if (op < 9) {
            JsonObject plan = new JsonObject().put("model", validBody().getJsonObject("model")).put("latencyBudgetMs", 1000);
            add("json-mutation", "plan", post(BASE + "/plans", anyToken(), "application/json", utf8(mutate(plan, true))),
                    true, ANY_4XX);
        } else {
            JsonObject progress = new JsonObject().put("bytes", 1000).put("elapsedMs", 10).put("complete", false);
            String id = random.nextBoolean() ? t.deliveryIdB() : "d" + random.nextInt(1_000_000);
            add("json-mutation", "progress", post(BASE + "/deliveries/" + id + "/progress", anyToken(), "application/json",
                    utf8(mutate(progress, false))), true, ANY_4XX);
        }
    }

    private static final String[] MALFORMED = {
            "", " ", "{", "}", "{\"ue\":}", "{\"ue\" {}}", "[]", "null", "\"str\"", "123", "true", "{'ue': 1}",
            "{\"a\":1,}", "{\"a\":1}{\"b\":2}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":0x10}", "{\"a\":01}",
            "/* c */ {}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"unterminated}", "\u0000{}", "{}\u0000",
            "\ufeff{}", "{\"ue\":{\"ipv4Addr\":\"10.0.0.1\"}"};

    private void malformedJson() {
        byte[] body;
        int kind = random.nextInt(6);
        if (kind == 0) {
            body = utf8(MALFORMED[random.nextInt(MALFORMED.length)]);
        } else if (kind == 1) {
            String valid = validBody().encode();
            body = utf8(valid.substring(0, random.nextInt(valid.length())));
        } else if (kind == 2) {
            // Bytes of the JSON's structure replaced by others: never well-formed again. (A byte changed inside a
            // string can leave a valid request, which a create or a plan then rightly takes.)
            body = utf8(validBody().encode());
            List<Integer> structure = new ArrayList<>();
            for (int i = 0; i < body.length; i++) {
                if ("{}[]:,".indexOf(body[i]) >= 0) {
                    structure.add(i);
                }
            }
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                int at = structure.get(random.nextInt(structure.size()));
                byte replacement;
                do {
                    replacement = (byte) random.nextInt(256);
                } while ("{}[]:,".indexOf(replacement) >= 0);
                body[at] = replacement;
            }
        } else if (kind == 3) {
            byte[][] invalidUtf8 = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    {(byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xfe, (byte) 0xff}};
            String valid = validBody().encode();
            int at = valid.indexOf("resnet-50") + 3;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(utf8(valid.substring(0, at)));
            out.writeBytes(invalidUtf8[random.nextInt(invalidUtf8.length)]);
            out.writeBytes(utf8(valid.substring(at)));
            body = out.toByteArray();
        } else if (kind == 4) {
            body = validBody().encode().getBytes(random.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
        } else {
            body = utf8("[".repeat(1000 + random.nextInt(60_000)));
        }
        String path = switch (random.nextInt(3)) {
            case 0 -> BASE + "/plans";
            case 1 -> BASE + "/deliveries/" + t.deliveryIdB() + "/progress";
            default -> BASE + "/deliveries";
        };
        add("malformed-json", path.substring(BASE.length()) + " (kind " + kind + ")", post(path, anyToken(), "application/json", body), true, ANY_4XX);
    }

    private static final String[] CONTENT_TYPES = {null, "", "text/plain", "application/xml", "text/json",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/merge-patch+json",
            "application/json; charset=utf-16", "application/json, text/plain", "*/*", "application/*",
            "application/json; " + "a=b; ".repeat(500), "application/jsonx", "json", "application/problem+json",
            "application/json; charset=\u00e9"};

    private void contentType() {
        String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        String body = random.nextBoolean() ? mutate(validBody(), true) : "a=1&b=2";
        add("content-type", String.valueOf(type), post(BASE + (random.nextBoolean() ? "/deliveries" : "/plans"), anyToken(),
                type, utf8(body)), true, ANY_4XX);
    }

    private void oversized() {
        int size = 64 * 1024 + 1 + random.nextInt(1024 * 1024);
        byte[] body = new byte[size];
        byte[] prefix = utf8("{\"model\":{\"name\":\"");
        java.util.Arrays.fill(body, (byte) 'A');
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        if (random.nextBoolean()) {
            add("oversized", size + " bytes", post(BASE + "/deliveries", anyToken(), "application/json", body), true,
                    s -> s == 413);
        } else {
            // chunked: no Content-Length to refuse up front
            RawHttp.Request request = new RawHttp.Request("POST " + BASE + "/plans HTTP/1.1")
                    .header("Host", "127.0.0.1:" + t.port()).header("Authorization", "Bearer " + t.keyA())
                    .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked")
                    .header("Connection", "close");
            java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
            for (int at = 0; at < size; at += 16_384) {
                int len = Math.min(16_384, size - at);
                chunks.writeBytes(utf8(Integer.toHexString(len) + "\r\n"));
                chunks.write(body, at, len);
                chunks.writeBytes(utf8("\r\n"));
            }
            chunks.writeBytes(utf8("0\r\n\r\n"));
            add("oversized", size + " bytes chunked", request.body(chunks.toByteArray()), true, s -> s == 413);
        }
    }

    private static final String[] IDS = {"..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "%252e%252e%252f", "....//....//etc", "..%5c..%5cwin.ini", "%00", "a%00b", "%ZZ", "%", "%e2%80%ae", "%ED%A0%80",
            "%F0%9F%98%80", "a;jsessionid=1", "a%3Bb", "%20", "a%20b", "%0d%0aX-Injected:%201", "CON", "nul", "~root",
            "%c0%ae%c0%ae", "%uff0e%uff0e", "a%2Fb", "%2F", "\u00e9", "x".repeat(65), "y".repeat(1000), "z".repeat(3000),
            "*", "%2A", "-", "_", "0", "'", "%22", "%3Cscript%3E"};

    private String hostileId() {
        int kind = random.nextInt(6);
        return switch (kind) {
            case 0 -> t.deliveryIdB();
            case 1 -> t.deliveryIdB().toUpperCase(java.util.Locale.ROOT) + (random.nextBoolean() ? "x" : "");
            case 2 -> Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            case 3 -> URLEncoder.encode(randomUnicode(1 + random.nextInt(40)).replace("\\u", "u"), StandardCharsets.UTF_8);
            default -> IDS[random.nextInt(IDS.length)];
        };
    }

    private void pathIds() {
        String id = hostileId();
        int op = random.nextInt(5);
        String token = anyToken();
        byte[] request = switch (op) {
            case 0 -> request("GET", BASE + "/deliveries/" + id, token);
            case 1 -> request("DELETE", BASE + "/deliveries/" + id, token);
            case 2 -> request("GET", BASE + "/deliveries/" + id + "/events", token, "Last-Event-ID", "0");
            case 3 -> post(BASE + "/deliveries/" + id + "/progress", token, "application/json",
                    utf8("{\"bytes\":1,\"elapsedMs\":1}"));
            default -> request(random.nextBoolean() ? "PUT" : "PATCH", BASE + "/deliveries/" + id, token);
        };
        add("path-ids", op + ":" + (id.length() > 40 ? id.substring(0, 40) + "..." : id), request, true, ANY_4XX);
    }

    private void query() {
        String[] invalid = {"pageSize=0", "pageSize=-1", "pageSize=501", "pageSize=abc", "pageSize=1e9", "pageSize=",
                "pageSize=99999999999999999999", "state=DONE", "state=granted", "state=", "state=%00",
                "pageToken=" + "p".repeat(600), "pageToken=%ZZ", "pageToken=AAAA", "pageToken=eyJ4IjoxfQ",
                "pageToken=..%2F..", "ue=" + "u".repeat(300), "pageSize=x&pageSize=1", "pageSize=%F0%9F%98%80"};
        StringBuilder q = new StringBuilder(invalid[random.nextInt(invalid.length)]);
        if (random.nextBoolean()) {
            q.append("&ue=").append(URLEncoder.encode(randomUnicode(1 + random.nextInt(20)).replace("\\u", "u"),
                    StandardCharsets.UTF_8));
        }
        if (random.nextInt(4) == 0) {
            q.append("&").append("x".repeat(random.nextInt(100))).append("=").append(random.nextInt());
        }
        add("query", q.length() > 50 ? q.substring(0, 50) : q.toString(),
                request("GET", BASE + "/deliveries?" + q, anyToken()), true, ANY_4XX);
    }

    private void headers() {
        String list = BASE + "/deliveries";
        int kind = random.nextInt(24);
        RawHttp.Request r;
        byte[] request;
        String description;
        IntPredicate allowed = ANY_4XX;
        switch (kind) {
            case 0 -> {
                String[] auth = {"", "Bearer", "Bearer ", "Bearer  ", "bearer", "Basic " + t.keyA(), "Digest x",
                        "Bearer " + t.keyA() + " extra", "Bearer\t" + t.keyA(), "Token " + t.keyA(),
                        "Bearer " + "A".repeat(7000), "Bearer eyJ.eyJ.sig", "Bearer e30.e30.", "Bearer ===",
                        "Bearer " + t.keyA().substring(1), "Bearer " + t.keyB() + "x", "NTLM TlRMTVNTUAAB"};
                String value = auth[random.nextInt(auth.length)];
                description = "authorization " + (value.length() > 20 ? value.substring(0, 20) : value);
                request = new RawHttp.Request("GET " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .header("Authorization", value).header("Connection", "close").noBody();
                allowed = s -> s == 401 || s == 400 || s == 431;
            }
            case 1 -> {
                description = "two authorization headers";
                request = new RawHttp.Request("GET " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .header("Authorization", "Bearer " + t.keyA()).header("Authorization", "Bearer " + t.keyB())
                        .header("Connection", "close").noBody();
                allowed = s -> s == 401;
            }
            case 2 -> {
                description = "control characters in authorization";
                request = new RawHttp.Request("GET " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .raw(new byte[]{'A', 'u', 't', 'h', 'o', 'r', 'i', 'z', 'a', 't', 'i', 'o', 'n', ':', ' ', 'B', 'e',
                                'a', 'r', 'e', 'r', ' ', 'x', (byte) random.nextInt(32), 'y', '\r', '\n'})
                        .header("Connection", "close").noBody();
            }
            case 3 -> {
                description = "header too large";
                request = new RawHttp.Request("GET " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .header("X-Big", "b".repeat(8200 + random.nextInt(50_000))).header("Connection", "close").noBody();
            }
            case 4 -> {
                description = "too many headers";
                r = new RawHttp.Request("GET " + list + " HTTP/1.1").header("Host", "127.0.0.1");
                for (int i = 0; i < 400 + random.nextInt(2000); i++) {
                    r.header("X-H" + i, "v" + i);
                }
                request = r.header("Connection", "close").noBody();
            }
            case 5 -> {
                description = "request line too long";
                request = request("GET", list + "?ue=" + "q".repeat(4100 + random.nextInt(20_000)), t.keyA());
            }
            case 6 -> {
                String[] methods = {"GETT", "G ET", "FOO", "TRACE", "CONNECT", "PROPFIND", "get", "\u00c9T", "GET\u0000"};
                String m = methods[random.nextInt(methods.length)];
                description = "method " + m;
                request = request(m, list, null);
            }
            case 7 -> {
                String[] versions = {"HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTX/1.1", "HTTP/1.1 x", "", "http/1.1"};
                String v = versions[random.nextInt(versions.length)];
                description = "version " + v;
                request = new RawHttp.Request("GET " + list + (v.isEmpty() ? "" : " " + v)).header("Host", "127.0.0.1")
                        .header("Connection", "close").noBody();
                // Known exception: Vert.x answers a version it does not know with 501 before any AF code runs.
                allowed = s -> s >= 400 && s < 500 || s == VERTX_UNKNOWN_VERSION;
            }
            case 8 -> {
                description = "no Host";
                request = new RawHttp.Request("GET " + list + " HTTP/1.1").header("Connection", "close").noBody();
            }
            case 9 -> {
                description = "absolute-form target";
                request = new RawHttp.Request("GET http://evil.example" + list + " HTTP/1.1").header("Host", "evil.example")
                        .header("Connection", "close").noBody();
            }
            case 10 -> {
                description = "Content-Length and Transfer-Encoding";
                request = new RawHttp.Request("POST " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .header("Authorization", "Bearer " + t.keyA()).header("Content-Type", "application/json")
                        .header("Content-Length", "4").header("Transfer-Encoding", "chunked").header("Connection", "close")
                        .body(utf8("3\r\n{}}\r\n0\r\n\r\n"));
            }
            case 11 -> {
                String[] sizes = {"zz", "-1", "ffffffffffffffffffff", "1;" + "e".repeat(5000), " 2", "0x2"};
                description = "bad chunk";
                // Known exception: Vert.x closes the connection on broken chunk framing; the AF's 400 is not flushed.
                allowed = s -> s >= 400 && s < 500 || s == RawHttp.Answer.DROPPED;
                request = new RawHttp.Request("POST " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .header("Authorization", "Bearer " + t.keyA()).header("Content-Type", "application/json")
                        .header("Transfer-Encoding", "chunked").header("Connection", "close")
                        .body(utf8(sizes[random.nextInt(sizes.length)] + "\r\n{}\r\n0\r\n\r\n"));
            }
            case 12 -> {
                String[] lengths = {"-1", "abc", "1e3", "2, 3", "99999999999999999999", ""};
                description = "bad Content-Length";
                request = new RawHttp.Request("POST " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .header("Authorization", "Bearer " + t.keyA()).header("Content-Type", "application/json")
                        .header("Content-Length", lengths[random.nextInt(lengths.length)]).header("Connection", "close")
                        .body(utf8("{}"));
            }
            case 13 -> {
                description = "two Content-Lengths";
                request = new RawHttp.Request("POST " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .header("Authorization", "Bearer " + t.keyA()).header("Content-Type", "application/json")
                        .header("Content-Length", "2").header("Content-Length", "3").header("Connection", "close")
                        .body(utf8("{}}"));
            }
            case 14 -> {
                description = "Content-Length shorter than the body";
                String body = validBody().encode();
                request = new RawHttp.Request("POST " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .header("Authorization", "Bearer " + t.keyA()).header("Content-Type", "application/json")
                        .header("Content-Length", Integer.toString(body.length() / 2)).body(utf8(body));
            }
            case 15 -> {
                description = "non-ASCII header bytes";
                request = new RawHttp.Request("GET " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .raw(new byte[]{'X', '-', (byte) 0xc3, (byte) 0xa9, ':', ' ', (byte) 0xff, '\r', '\n'})
                        .header("Connection", "close").noBody();
            }
            case 16 -> {
                description = "malformed header line";
                String[] lines = {"Bad Header: x", "NoColon", ": empty-name", "X-A : spaced", " X-Leading: space",
                        "X-Fold: a\r\n folded"};
                request = new RawHttp.Request("GET " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .raw(lines[random.nextInt(lines.length)] + "\r\n").header("Connection", "close").noBody();
            }
            case 17 -> {
                String[] keys = {"k".repeat(129), "has space", "", "\u00e9t\u00e9", "a\tb", "x".repeat(5000)};
                String key = keys[random.nextInt(keys.length)];
                description = "Idempotency-Key " + (key.length() > 10 ? key.substring(0, 10) + "..." : key);
                request = post(BASE + "/deliveries", t.keyA(), "application/json", utf8(validBody().encode()),
                        "Idempotency-Key", key);
                allowed = s -> s == 400 || s == 422 || s == 431;
            }
            case 18 -> {
                String[] ids = {"-1", "abc", "9".repeat(30), "", "1e3", "0x10", "\u0660"};
                description = "Last-Event-ID";
                request = request("GET", BASE + "/deliveries/" + t.deliveryIdB() + "/events", t.keyA(),
                        "Last-Event-ID", ids[random.nextInt(ids.length)]);
            }
            case 19 -> {
                description = "Expect: 100-continue with junk";
                request = post(BASE + "/deliveries", t.keyA(), "application/json", utf8("{junk"), "Expect", "100-continue");
            }
            case 20 -> {
                description = "Expect: something else";
                request = post(BASE + "/deliveries", t.keyA(), "application/json", utf8("{junk"), "Expect", "200-ok");
            }
            case 21 -> {
                description = "Connection: upgrade";
                request = new RawHttp.Request("GET " + list + " HTTP/1.1").header("Host", "127.0.0.1")
                        .header("Upgrade", random.nextBoolean() ? "websocket" : "h2c")
                        .header("Connection", "Upgrade").header("Sec-WebSocket-Version", "13")
                        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").noBody();
                allowed = s -> s == 401 || s == 400;
            }
            case 22 -> {
                description = "bare LF line endings";
                request = utf8("GET " + list + " HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n");
                allowed = s -> s == 401 || s == 400;
            }
            default -> {
                description = "garbage bytes";
                byte[] garbage = new byte[1 + random.nextInt(2000)];
                random.nextBytes(garbage);
                // Ended like a request head: an unfinished one is (rightly) waited for until the idle timeout.
                request = new RawHttp.Request("").raw(garbage).raw("\r\n\r\n").body(new byte[0]);
            }
        }
        add("headers", description, request, true, allowed);
    }

    private void callbacks() {
        String path = "/nef-callbacks/v1/";
        int kind = random.nextInt(8);
        String id;
        byte[] body;
        String description;
        if (kind < 3) {
            // the right callback id with a body that is not a usable notification
            id = t.callbackIdB();
            String[] junk = {"", "{", "null", "[]", "{}", "{\"transaction\":\"t\"}", "{\"transaction\":\"t\",\"eventReports\":[]}",
                    "{\"transaction\":\"t\",\"eventReports\":null}", "{\"transaction\":\"t\",\"eventReports\":\"x\"}",
                    "{\"transaction\":\"t\",\"eventReports\":[null]}", "{\"transaction\":\"t\",\"eventReports\":[{}]}",
                    "{\"transaction\":\"t\",\"eventReports\":[{\"event\":null}]}", "{\"eventReports\":[{\"event\":\"QOS_NOT_GUARANTEED\"}]}",
                    "{\"transaction\":{},\"eventReports\":[]}", "{\"transaction\":\"t\",\"eventReports\":[{\"event\":\"QOS_GUARANTEED\","
                    + "\"accumulatedUsage\":\"lots\"}]}", "{\"transaction\":\"t\",\"eventReports\":[{\"event\":[1]}]}",
                    "{\"transaction\":\"t\",\"eventReports\":[{\"event\":\"QOS_GUARANTEED\",\"ratGranularity\":5,"
                            + "\"qosMonReports\":\"x\"}]}"};
            String text = junk[random.nextInt(junk.length)];
            if (random.nextInt(3) == 0) {
                text = text + "\u0000" + randomUnicode(20);
            }
            body = utf8(text);
            description = "right id, junk " + (text.length() > 25 ? text.substring(0, 25) : text);
        } else if (kind < 5) {
            id = random.nextBoolean() ? Long.toString(random.nextLong() & Long.MAX_VALUE, 36) : hostileId();
            body = utf8("{\"transaction\":\"t\",\"eventReports\":[{\"event\":\"QOS_GUARANTEED\"}]}");
            description = "forged id, valid notification";
        } else if (kind == 5) {
            String right = t.callbackIdB();
            char last = right.charAt(right.length() - 1);
            id = right.substring(0, right.length() - 1) + (random.nextBoolean() ? "" : last == 'A' ? "B" : "A");
            body = utf8("{\"transaction\":\"t\",\"eventReports\":[{\"event\":\"QOS_NOT_GUARANTEED\"}]}");
            description = "near-miss id";
        } else if (kind == 6) {
            id = t.callbackIdB();
            body = new byte[256 * 1024 + 1 + random.nextInt(200_000)];
            java.util.Arrays.fill(body, (byte) ' ');
            description = "right id, oversized";
        } else {
            id = t.callbackIdB();
            String method = new String[]{"GET", "PUT", "DELETE", "PATCH", "OPTIONS"}[random.nextInt(5)];
            add("callbacks", method + " on the right id", request(method, path + id, null), false, ANY_4XX);
            return;
        }
        String type = random.nextInt(5) == 0 ? "text/plain" : "application/json";
        add("callbacks", description, post(path + id, null, type, body), false, ANY_4XX);
    }

    private void crossTenant() {
        int op = random.nextInt(6);
        String token = anyToken();
        String b = t.deliveryIdB();
        switch (op) {
            case 0 -> add("cross-tenant", "get b's delivery", request("GET", BASE + "/deliveries/" + b, token), true, s -> s == 404);
            case 1 -> add("cross-tenant", "cancel b's delivery", request("DELETE", BASE + "/deliveries/" + b, token), true,
                    s -> s == 404);
            case 2 -> add("cross-tenant", "progress on b's delivery", post(BASE + "/deliveries/" + b + "/progress", token,
                    "application/json", utf8("{\"bytes\":100,\"elapsedMs\":10,\"complete\":true}")), true, s -> s == 404);
            case 3 -> add("cross-tenant", "b's events", request("GET", BASE + "/deliveries/" + b + "/events", token), true,
                    s -> s == 404);
            case 4 -> add("cross-tenant", "b's Idempotency-Key, b's body", post(BASE + "/deliveries", token, "application/json",
                    utf8(t.bodyB().encode()), "Idempotency-Key", t.idempotencyKeyB()), true, s -> s == 422);
            default -> add("cross-tenant", "b's Idempotency-Key, another body", post(BASE + "/deliveries", token,
                    "application/json", utf8(validBody().encode()), "Idempotency-Key", t.idempotencyKeyB()), true,
                    s -> s == 422);
        }
    }

    private void unauthenticated() {
        String[] tokens = {null, "", "nope", t.keyA() + "x", t.keyA().toUpperCase(java.util.Locale.ROOT), "eyJhbGciOiJub25lIn0.e30.",
                t.jwtA().substring(0, t.jwtA().length() - 2) + "xx"};
        String token = tokens[random.nextInt(tokens.length)];
        String[] paths = {BASE + "/deliveries", BASE + "/deliveries/" + t.deliveryIdB(), BASE + "/plans", BASE + "/nope",
                BASE + "/deliveries/" + hostileId() + "/events", BASE + "/../model-delivery/v1/deliveries"};
        String path = paths[random.nextInt(paths.length)];
        byte[] request = random.nextBoolean() ? request(random.nextBoolean() ? "GET" : "DELETE", path, token)
                : post(path, token, "application/json", utf8(mutate(validBody(), false)));
        add("unauthenticated", path.length() > 40 ? path.substring(0, 40) : path, request, true,
                s -> s == 401 || s == 413 || s == 400 && path.contains("%") || s == 404 && path.contains(".."));
    }

    static Set<String> categories() {
        return Set.of("json-mutation", "malformed-json", "content-type", "oversized", "path-ids", "query", "headers",
                "callbacks", "cross-tenant", "unauthenticated");
    }
}
