package io.modelqos.af.security;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Answers requests the HTTP decoder could not read (a malformed request line or header, a line or headers too long)
 * as Vert.x does (400, 414 or 431, then the connection is closed) but with an {@code application/problem+json} body,
 * like every other refusal of the AF. Install with {@code httpServer.invalidRequestHandler(InvalidRequests.HANDLER)}.
 */
public final class InvalidRequests {
    public static final Handler<HttpServerRequest> HANDLER = InvalidRequests::answer;

    private InvalidRequests() {
    }

    private static void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        String detail = switch (status) {
            case 414 -> "the request line is too long";
            case 431 -> "the request headers are too large";
            default -> "the request is not valid HTTP";
        };
        request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Connection", "close")
                .end(new JsonObject().put("type", "about:blank").put("title", "Bad request").put("status", status)
                        .put("detail", detail).encode())
                .onComplete(ar -> request.connection().close());
    }
}
