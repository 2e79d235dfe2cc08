package io.modelqos.nef.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;

/** Reading a request body as a JSON object and writing a JSON answer, for every face's routes. */
final class HttpJson {

    private HttpJson() {
    }

    /** The body as a JSON object; 400 otherwise (not expected once the contract accepted it). */
    static ObjectNode object(Buffer body) {
        try {
            JsonNode node = body == null ? null : T8Json.mapper().readTree(body.getBytes());
            if (node instanceof ObjectNode obj) {
                return obj;
            }
        } catch (IOException e) {
            // reported below
        }
        throw ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, "the body must be a JSON object", List.of());
    }

    /** Items of a JSON array written per event-loop turn (about 0.5 MB of subscriptions). */
    static final int ARRAY_SLICE = 500;

    /**
     * Writes {@code items} as a 200 {@code application/json} array, {@value #ARRAY_SLICE} items per event-loop turn and
     * no faster than the client reads: a list of every session (tens of MB at tens of thousands) would otherwise hold
     * the event loop, and every other session's answers and notifications, for seconds.
     */
    static void jsonArray(RoutingContext ctx, List<?> items) {
        if (items.size() <= ARRAY_SLICE) {
            json(ctx, 200, items);
            return;
        }
        HttpServerResponse response = ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .setChunked(true);
        writeSlice(ctx, response, items, 0);
    }

    private static void writeSlice(RoutingContext ctx, HttpServerResponse response, List<?> items, int from) {
        response.drainHandler(null);
        if (response.closed()) {
            return; // the client went away
        }
        int to = Math.min(items.size(), from + ARRAY_SLICE);
        Buffer slice = Buffer.buffer(from == 0 ? "[" : ",");
        try {
            for (int i = from; i < to; i++) {
                if (i > from) {
                    slice.appendByte((byte) ',');
                }
                slice.appendBytes(T8Json.mapper().writeValueAsBytes(items.get(i)));
            }
        } catch (JsonProcessingException e) {
            response.reset();
            return;
        }
        if (to == items.size()) {
            response.end(slice.appendByte((byte) ']'));
            return;
        }
        response.write(slice);
        if (response.writeQueueFull()) {
            response.drainHandler(v -> writeSlice(ctx, response, items, to));
        } else {
            ctx.vertx().runOnContext(v -> writeSlice(ctx, response, items, to));
        }
    }

    /** Writes {@code body} (a JSON tree or a generated model) as {@code application/json}. */
    static void json(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(T8Json.mapper().writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
