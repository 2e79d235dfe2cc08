package io.modelqos.client.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.modelqos.client.DeliveryEventListener;
import io.modelqos.client.internal.Json;
import io.modelqos.client.model.ProblemDetails;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Serves a {@link WebhookReceiver} on the JDK's built-in web server. */
final class WebhookHttpHandler implements HttpHandler {

    /** The largest event body taken; delivery events are a few hundred bytes. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(WebhookHttpHandler.class.getName());

    private final WebhookReceiver receiver;
    private final DeliveryEventListener listener;

    WebhookHttpHandler(WebhookReceiver receiver, DeliveryEventListener listener) {
        this.receiver = receiver;
        this.listener = listener;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answerProblem(exchange, 405, "Method Not Allowed", "events are POSTed");
                return;
            }
            try {
                receiver.checkAuthorization(exchange.getRequestHeaders().getFirst("Authorization"));
                receiver.checkContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
                receiver.dispatch(receiver.parse(readBody(exchange.getRequestBody())), listener);
                exchange.sendResponseHeaders(204, -1);
            } catch (WebhookRejectedException e) {
                if (e.status() == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                }
                answerProblem(exchange, e.status(), title(e.status()), e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the delivery event listener failed", e);
                answerProblem(exchange, 500, "Internal Server Error", "the event listener failed");
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new WebhookRejectedException(413, "the body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static void answerProblem(HttpExchange exchange, int status, String title, String detail)
            throws IOException {
        byte[] body = Json.mapper().writeValueAsBytes(
                new ProblemDetails(null, title, status, detail, null, null, null, null));
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "Error";
        };
    }
}
