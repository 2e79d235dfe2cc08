package io.modelqos.conformance.nef;

import io.modelqos.af.nef.NefOperation;
import io.modelqos.af.nef.NefProtocolException;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.modelqos.conformance.nef.NefStubs.created;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.fault;
import static io.modelqos.conformance.nef.NefStubs.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Create (POST {scsAsId}/subscriptions, TS 29.122 CreateASSessionWithQoSSubscription): the exact request, the
 * 201 with {@code Location}, the features the NEF supports, and no redirect followed.
 */
class CreateConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    @Test
    void createdWithAnAbsoluteLocation() throws Exception {
        String path = WireMockNef.sub("sub-1");
        String location = nef.uri(path).toString();
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(path))
                .willReturn(created(location, T8Examples.representation(location))));
        TrackingClient client = nef.client();
        assertNull(client.negotiatedFeatures(), "nothing negotiated before the first create");

        NefSubscription s = Await.result(client.create(T8Examples.subscription()));

        nef.server().verify(exactly(1), AfRequests.create());
        assertEquals(URI.create(location), s.uri());
        assertEquals(location, s.body().getSelf());
        assertEquals("modelqos-dl-50m", s.body().getQosReference());
        assertEquals(T8Examples.NEF_FEATURES, client.negotiatedFeatures());
    }

    @Test
    void aRelativeLocationIsResolvedAgainstTheRequest() throws Exception {
        String path = WireMockNef.sub("sub-2");
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(path))
                .willReturn(created(path, T8Examples.representation(nef.uri(path).toString()))));

        NefSubscription s = Await.result(nef.client().create(T8Examples.subscription()));

        assertEquals(nef.uri(path), s.uri());
    }

    @Test
    void theNefAnswerWithoutSupportedFeaturesMeansNone() throws Exception {
        String path = WireMockNef.sub("sub-3");
        String location = nef.uri(path).toString();
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(path))
                .willReturn(created(location, T8Examples.representation(location).replace("\"supportedFeatures\":\"30\",", ""))));
        TrackingClient client = nef.client();

        Await.result(client.create(T8Examples.subscription()));

        assertEquals("", client.negotiatedFeatures());
    }

    @ParameterizedTest(name = "{0} to a create is not followed")
    @ValueSource(ints = {307, 308})
    void aRedirectOfTheCreateIsNotFollowed(int status) throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(fault("undeclared-status"))
                .willReturn(redirect(status, nef.uri("/other" + WireMockNef.COLLECTION).toString())));
        nef.server().stubFor(post("/other" + WireMockNef.COLLECTION).withMetadata(creates("/other/sub"))
                .willReturn(created(nef.uri("/other/sub").toString(), T8Examples.representation("x"))));

        NefProtocolException e = Await.failure(nef.client().create(T8Examples.subscription()), NefProtocolException.class);

        assertEquals(status, e.status());
        assertEquals(NefOperation.CREATE, e.operation());
        assertFalse(e.succeededAtNef());
        nef.server().verify(exactly(1), postRequestedFor(urlPathMatching(".*")));
        nef.server().verify(exactly(1), AfRequests.create());
    }
}
