package io.modelqos.nef.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.vertx.core.buffer.Buffer;
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
