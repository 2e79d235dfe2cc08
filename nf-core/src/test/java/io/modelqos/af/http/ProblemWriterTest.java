package io.modelqos.af.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelqos.af.problem.InvalidParam;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Verifies the problem+json bodies: member order, members left out when null, and plain JSON escaping. */
class ProblemWriterTest {

    @Test
    void writesOnlyWhatIsGiven() {
        assertEquals("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"a bearer token is required\"}",
                ProblemWriter.Body.of(401, "Unauthorized", "a bearer token is required").toJson());
        assertEquals("{\"title\":\"Not found\",\"status\":404}", ProblemWriter.Body.of(404, "Not found", null).toJson());
    }

    @Test
    void writesTheMembersInRfc9457Order() {
        ProblemWriter.Body body = ProblemWriter.Body.of(422, "QoS cannot be granted", "nothing fits")
                .extension("bestOffer", JsonNodeFactory.instance.objectNode().put("acceptableRate", "100 Mbps"))
                .invalidParams(List.of(new InvalidParam("/a", "bad"), new InvalidParam("/b", null)))
                .instance("/deliveries")
                .type(ProblemWriter.ABOUT_BLANK);

        assertEquals("{\"type\":\"about:blank\",\"title\":\"QoS cannot be granted\",\"status\":422,"
                + "\"detail\":\"nothing fits\",\"instance\":\"/deliveries\","
                + "\"invalidParams\":[{\"param\":\"/a\",\"reason\":\"bad\"},{\"param\":\"/b\"}],"
                + "\"bestOffer\":{\"acceptableRate\":\"100 Mbps\"}}", body.toJson());
    }

    /** The NEF callback endpoint's 400: status, title, detail and one invalid parameter whose reason is the detail. */
    @Test
    void writesOneInvalidParameter() {
        assertEquals("{\"title\":\"Bad request\",\"status\":400,\"detail\":\"transaction is required\","
                        + "\"invalidParams\":[{\"param\":\"/transaction\",\"reason\":\"transaction is required\"}]}",
                ProblemWriter.Body.of(400, "Bad request", "transaction is required")
                        .invalidParam("/transaction", "transaction is required").toJson());
    }

    /** Verifies that details from elsewhere (e.g. a JWT library's message) come out as Vert.x's own JSON would. */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote \" and backslash \\", "tab\tnewline\ncontrol\u0001", "é ü 日本 😀", "</script>",
            "\u2028\u2029"})
    void escapesAsVertxJsonDoes(String detail) {
        assertEquals(new JsonObject().put("type", "about:blank").put("title", "Bad request").put("status", 400)
                        .put("detail", detail).encode(),
                ProblemWriter.Body.of(400, "Bad request", detail).type(ProblemWriter.ABOUT_BLANK).toJson());
    }
}
