package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.modelqos.af.nef.NefException;
import io.modelqos.af.nef.NefOperation;
import io.modelqos.af.nef.NefProblemException;
import io.modelqos.af.nef.NefUnavailableException;
import io.modelqos.openapi.T8Json;
import io.modelqos.testing.Await;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.conformance.nef.NefStubs.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error status TS 29.122 declares for each operation (TS29122_CommonData responses, and
 * ProblemDetailsAsSessionWithQos on a 403 to create, replace and modify): the request was the exact one, and
 * the AF hands the parsed ProblemDetails ({@code cause}, {@code invalidParams}, {@code acceptableServInfo},
 * {@code Retry-After}) to its caller. 429 and 503 come with a {@code Retry-After} longer than the retry budget,
 * so they end the call at once as {@link NefUnavailableException} carrying the NEF's problem.
 */
class ErrorStatusConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String PATH = WireMockNef.sub("sub-1");
    private static final String PATCH_JSON = "{\"qosReference\":\"modelqos-dl-25m\"}";

    /** The operations with the error statuses the specification declares for each. */
    private static final Map<NefOperation, List<Integer>> DECLARED = Map.of(
            NefOperation.CREATE, List.of(400, 401, 403, 404, 411, 413, 415, 429, 500, 503),
            NefOperation.READ, List.of(400, 401, 403, 404, 406, 429, 500, 503),
            NefOperation.LIST, List.of(400, 401, 403, 404, 406, 429, 500, 503),
            NefOperation.REPLACE, List.of(400, 401, 403, 404, 411, 413, 415, 429, 500, 503),
            NefOperation.MODIFY, List.of(400, 401, 403, 404, 411, 413, 415, 429, 500, 503),
            NefOperation.DELETE, List.of(400, 401, 403, 404, 429, 500, 503));

    static Stream<Arguments> declaredErrors() {
        List<Arguments> all = new ArrayList<>();
        for (NefOperation op : NefOperation.values()) {
            for (int status : DECLARED.get(op)) {
                all.add(Arguments.of(op, status));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("declaredErrors")
    void theProblemReachesTheCaller(NefOperation op, int status) throws Exception {
        boolean withAcceptable = status == 403 && hasBody(op);
        String body = status == 403 && !withAcceptable
                ? "{\"title\":\"Forbidden\",\"status\":403,\"cause\":\"REQUEST_NOT_AUTHORIZED\"}"
                : T8Examples.problem(status);
        var answer = problem(status, body);
        if (status == 403 || status == 429 || status == 503) {
            answer = answer.withHeader("Retry-After", "120");
        }
        nef.server().stubFor(stub(op).willReturn(answer));

        Throwable failure = Await.failure(call(op, nef.client()), NefException.class);

        nef.server().verify(exactly(1), expected(op));
        NefProblemException p;
        if (status == 429 || status == 503) {
            NefUnavailableException u = assertInstanceOf(NefUnavailableException.class, failure);
            assertEquals(NefUnavailableException.Reason.RETRIES_EXHAUSTED, u.reason());
            assertEquals(status, u.status());
            assertEquals(Optional.of(Duration.ofSeconds(120)), u.retryAfter());
            p = assertInstanceOf(NefProblemException.class, u.getCause());
        } else {
            p = assertInstanceOf(NefProblemException.class, failure);
        }
        assertEquals(op, p.operation());
        assertEquals(status, p.status());
        assertEquals(status, p.problem().orElseThrow().getStatus());
        switch (status) {
            case 400 -> {
                assertEquals("INVALID_MSG_FORMAT", p.problemCause().orElseThrow());
                assertEquals("/flowInfo/0/flowDescriptions/0", p.invalidParams().get(0).getParam());
                assertEquals("not an IPFilterRule", p.invalidParams().get(0).getReason());
            }
            case 403 -> {
                assertEquals(Optional.of(Duration.ofSeconds(120)), p.retryAfter());
                if (withAcceptable) {
                    assertEquals("REQUESTED_SERVICE_NOT_AUTHORIZED", p.problemCause().orElseThrow());
                    assertEquals("25 Mbps", p.acceptableServInfo().orElseThrow().getMarBwDl());
                    assertEquals("1 Mbps", p.acceptableServInfo().orElseThrow().getMarBwUl());
                } else {
                    assertEquals("REQUEST_NOT_AUTHORIZED", p.problemCause().orElseThrow());
                }
            }
            default -> {
                assertEquals(T8Examples.cause(status), p.problemCause().orElseThrow());
                assertTrue(p.invalidParams().isEmpty());
            }
        }
    }

    @Test
    void anUndeclaredStatusWithoutBodyIsStillAProblem() throws Exception {
        nef.server().stubFor(stub(NefOperation.READ).willReturn(aResponse().withStatus(502)));

        NefProblemException p = Await.failure(call(NefOperation.READ, nef.client()), NefProblemException.class);

        assertEquals(502, p.status());
        assertTrue(p.problem().isEmpty());
        nef.server().verify(exactly(1), expected(NefOperation.READ));
    }

    private static boolean hasBody(NefOperation op) {
        return op == NefOperation.CREATE || op == NefOperation.REPLACE || op == NefOperation.MODIFY;
    }

    private static MappingBuilder stub(NefOperation op) {
        return switch (op) {
            case CREATE -> WireMock.post(WireMockNef.COLLECTION);
            case READ -> WireMock.get(PATH);
            case LIST -> WireMock.get(urlEqualTo(WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY));
            case REPLACE -> WireMock.put(PATH);
            case MODIFY -> WireMock.patch(urlEqualTo(PATH));
            case DELETE -> WireMock.delete(PATH);
        };
    }

    private static RequestPatternBuilder expected(NefOperation op) {
        return switch (op) {
            case CREATE -> AfRequests.create();
            case READ -> AfRequests.read(PATH);
            case LIST -> AfRequests.list(T8Examples.IP_ADDRS_QUERY);
            case REPLACE -> AfRequests.replace(PATH, T8Examples.SUBSCRIPTION_JSON);
            case MODIFY -> AfRequests.modify(PATH, PATCH_JSON);
            case DELETE -> AfRequests.delete(PATH);
        };
    }

    private static Future<?> call(NefOperation op, TrackingClient client) {
        return switch (op) {
            case CREATE -> client.create(T8Examples.subscription());
            case READ -> client.read(nef.uri(PATH));
            case LIST -> client.list(Optional.of(T8Examples.UE_IPV4));
            case REPLACE -> client.replace(nef.uri(PATH), T8Examples.subscription());
            case MODIFY -> {
                ObjectNode patch = T8Json.mapper().createObjectNode().put("qosReference", "modelqos-dl-25m");
                yield client.modify(nef.uri(PATH), patch);
            }
            case DELETE -> client.delete(nef.uri(PATH));
        };
    }
}
