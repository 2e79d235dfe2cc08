package io.modelqos.af.security;

import io.modelqos.af.http.ProblemWriter;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Answers requests that are not valid HTTP, or that the router cannot take, with a {@code application/problem+json} 400
 * like every other refusal of the AF, instead of letting them reach code that fails on them with a 500 or a bare text
 * answer:
 * <ul>
 *   <li>what the HTTP decoder could not read (a malformed request line or header, a line or headers too long):
 *       400, 414 or 431, then the connection is closed, as Vert.x does ({@link #HANDLER});</li>
 *   <li>a request without a valid {@code Host} (RFC 9112 clause 3.2 asks for 400; Vert.x fails later on it), and a
 *       path with a broken percent-encoding such as {@code %ZZ} (the router fails on it) ({@link #guard});</li>
 *   <li>form bodies sent to a JSON API (the form decoder fails on them) ({@link #JSON_BODIES_ONLY}).</li>
 * </ul>
 */
public final class InvalidRequests {
    /** Install with {@code httpServer.invalidRequestHandler(InvalidRequests.HANDLER)}. */
    public static final Handler<HttpServerRequest> HANDLER = InvalidRequests::answer;

    private InvalidRequests() {
    }

    /** A request handler that refuses what {@link InvalidRequests} lists, then hands the rest to {@code next}. */
    public static Handler<HttpServerRequest> guard(Handler<HttpServerRequest> next) {
        return request -> {
            String refusal = refusal(request);
            if (refusal != null) {
                problem(request, 400, refusal).onComplete(ar -> request.connection().close());
                return;
            }
            next.handle(request);
        };
    }

    /**
     * A router handler (before the body handler) refusing form bodies with 415: the form decoder would parse them, and
     * fail on some with an exception that is not the caller's fault as far as the router knows. A security-policy
     * handler, so that Vert.x lets it run before the body handler.
     */
    public static final io.vertx.ext.web.handler.SecurityPolicyHandler JSON_BODIES_ONLY = InvalidRequests::jsonBodiesOnly;

    /**
     * A router handler (after the body handler) refusing JSON that is not UTF-8 with 400: RFC 8259 (section 8.1) asks
     * for UTF-8 between systems, and Jackson would otherwise read a UTF-16 body (it guesses the encoding from the
     * first bytes), so the same request would be taken or refused depending on the path.
     */
    public static final io.vertx.core.Handler<RoutingContext> UTF8_JSON_ONLY = InvalidRequests::utf8JsonOnly;

    private static void utf8JsonOnly(RoutingContext ctx) {
        io.vertx.core.buffer.Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body != null && body.length() >= 2) {
            byte first = body.getByte(0);
            byte second = body.getByte(1);
            boolean bom16 = (first == (byte) 0xFE && second == (byte) 0xFF) || (first == (byte) 0xFF && second == (byte) 0xFE);
            if (bom16 || first == 0 || second == 0) {
                ctx.fail(400, io.modelqos.af.problem.AfProblem.invalid("/", "the body must be JSON in UTF-8 (RFC 8259)"));
                return;
            }
        }
        ctx.next();
    }

    private static void jsonBodiesOnly(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null) {
            String t = type.toLowerCase(Locale.ROOT).strip();
            if (t.startsWith("multipart/") || t.startsWith("application/x-www-form-urlencoded")) {
                ctx.fail(415, io.modelqos.af.problem.AfProblem.invalid("Content-Type", "the body must be application/json"));
                return;
            }
        }
        ctx.next();
    }

    static String refusal(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_2) {
            io.vertx.core.net.HostAndPort authority;
            try {
                authority = request.authority();
            } catch (RuntimeException e) {
                authority = null;
            }
            if (authority == null) {
                return "the request needs a valid Host header";
            }
        }
        String path = request.path();
        if (path == null || !path.startsWith("/")) {
            return "the request target must be a path";
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '%' && (i + 2 >= path.length() || !hex(path.charAt(i + 1)) || !hex(path.charAt(i + 2)))) {
                return "the path has a broken percent-encoding";
            }
        }
        return null;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        String detail = switch (status) {
            case 414 -> "the request line is too long";
            case 431 -> "the request headers are too large";
            default -> "the request is not valid HTTP";
        };
        problem(request, status, detail).onComplete(ar -> request.connection().close());
    }

    private static io.vertx.core.Future<Void> problem(HttpServerRequest request, int status, String detail) {
        request.response().putHeader("Connection", "close");
        return ProblemWriter.write(request.response(),
                ProblemWriter.Body.of(status, "Bad request", detail).type(ProblemWriter.ABOUT_BLANK));
    }
}
