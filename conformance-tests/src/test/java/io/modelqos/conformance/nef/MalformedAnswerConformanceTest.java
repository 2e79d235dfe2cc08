package io.modelqos.conformance.nef;

import io.modelqos.af.nef.NefOperation;
import io.modelqos.af.nef.NefProtocolException;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.conformance.nef.NefStubs.created;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.deletes;
import static io.modelqos.conformance.nef.NefStubs.fault;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.meta;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Success answers the AF cannot use: a body that is not the declared JSON, a 201 without {@code Location}.
 * Each ends in {@link NefProtocolException} (no crash, no half-read object), and a subscription the NEF made
 * for an unusable 201 is deleted again; a DELETE the NEF answered with 2xx is done whatever its body.
 */
class MalformedAnswerConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String PATH = WireMockNef.sub("sub-1");
    private static final String TRUNCATED = "{\"self\":\"http://nef/x\",\"notificationDestination\":";

    @Test
    void anUnreadable201IsUndone() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(meta(creates(PATH), fault("malformed-json")))
                .willReturn(created(nef.uri(PATH).toString(), TRUNCATED)));
        nef.server().stubFor(delete(PATH).withMetadata(deletes(PATH)).willReturn(noContent()));

        NefProtocolException e = Await.failure(nef.client().create(T8Examples.subscription()), NefProtocolException.class);

        assertEquals(NefOperation.CREATE, e.operation());
        assertEquals(201, e.status());
        assertTrue(e.succeededAtNef());
        nef.server().verify(exactly(1), AfRequests.create());
        nef.server().verify(exactly(1), AfRequests.delete(PATH));
    }

    @Test
    void a201WithoutLocationNorSelfIsFoundAndUndone() throws Exception {
        String withoutSelf = T8Examples.representation("x").replace("\"self\":\"x\",", "");
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(meta(creates(PATH), fault("missing-location")))
                .willReturn(json(201, withoutSelf)));
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY))
                .willReturn(json(200, "[" + T8Examples.representation(nef.uri(PATH).toString()) + "]")));
        nef.server().stubFor(delete(PATH).withMetadata(deletes(PATH)).willReturn(noContent()));

        NefProtocolException e = Await.failure(nef.client().create(T8Examples.subscription()), NefProtocolException.class);

        assertTrue(e.getMessage().contains("Location"), e.getMessage());
        nef.server().verify(exactly(1), AfRequests.delete(PATH));
    }

    @Test
    void a201WithoutLocationButWithSelfIsUsed() throws Exception {
        String self = nef.uri(PATH).toString();
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(meta(creates(PATH), fault("missing-location")))
                .willReturn(json(201, T8Examples.representation(self))));

        NefSubscription s = Await.result(nef.client().create(T8Examples.subscription()));

        assertEquals(nef.uri(PATH), s.uri());
    }

    @Test
    void anUnreadableReadIsAProtocolError() throws Exception {
        nef.server().stubFor(get(PATH).withMetadata(fault("malformed-json")).willReturn(json(200, TRUNCATED)));

        NefProtocolException e = Await.failure(nef.client().read(nef.uri(PATH)), NefProtocolException.class);

        assertEquals(200, e.status());
        assertTrue(e.getMessage().contains("not the expected JSON"), e.getMessage());
    }

    @Test
    void aListThatIsNotAnArrayIsAProtocolError() throws Exception {
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY))
                .withMetadata(fault("malformed-json"))
                .willReturn(json(200, T8Examples.representation(nef.uri(PATH).toString()))));

        Await.failure(nef.client().list(Optional.of(T8Examples.UE_IPV4)), NefProtocolException.class);
    }

    @Test
    void aListedSubscriptionWithoutSelfIsAProtocolError() throws Exception {
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY))
                .willReturn(json(200, "[" + T8Examples.representation("x").replace("\"self\":\"x\",", "") + "]")));

        NefProtocolException e = Await.failure(nef.client().list(Optional.of(T8Examples.UE_IPV4)), NefProtocolException.class);

        assertTrue(e.getMessage().contains("self"), e.getMessage());
    }

    @Test
    void anUnreadableReplaceAnswerSaysTheNefSucceeded() throws Exception {
        nef.server().stubFor(put(PATH).withMetadata(fault("malformed-json")).willReturn(json(200, "[1,")));

        NefProtocolException e = Await.failure(nef.client().replace(nef.uri(PATH), T8Examples.subscription()),
                NefProtocolException.class);

        assertEquals(NefOperation.REPLACE, e.operation());
        assertTrue(e.succeededAtNef());
    }

    @Test
    void anUnreadableFinalReportStillMeansDeleted() throws Exception {
        nef.server().stubFor(delete(PATH).withMetadata(meta(deletes(PATH), fault("malformed-json")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("<html>")));

        // Any 2xx to a DELETE is a delete: what came with it is ignored when it is not a report.
        assertTrue(Await.result(nef.client().delete(nef.uri(PATH))).isEmpty());

        nef.server().verify(exactly(1), AfRequests.delete(PATH));
    }
}
