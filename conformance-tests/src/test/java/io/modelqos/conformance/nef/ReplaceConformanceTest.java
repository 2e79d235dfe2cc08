package io.modelqos.conformance.nef;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static io.modelqos.conformance.nef.NefStubs.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replace (PUT on the subscription, UpdateIndASSessionWithQoSSubscription): the whole representation without
 * {@code self}, 200 with the NEF's representation or 204, and 307/308 followed with method and body.
 */
class ReplaceConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String PATH = WireMockNef.sub("sub-1");

    /** What the AF read back from the NEF, changed to the alternative QoS: self must not be sent back. */
    private static AsSessionWithQoSSubscription changed() {
        return T8Examples.subscription().self(nef.uri(PATH).toString()).qosReference("modelqos-dl-25m").altQoSReferences(null);
    }

    private static final String CHANGED_JSON = T8Examples.SUBSCRIPTION_JSON
            .replace("\"qosReference\":\"modelqos-dl-50m\",\"altQoSReferences\":[\"modelqos-dl-25m\"],",
                    "\"qosReference\":\"modelqos-dl-25m\",");

    @Test
    void answeredWithTheNewRepresentation() throws Exception {
        String self = nef.uri(PATH).toString();
        nef.server().stubFor(put(PATH).willReturn(json(200,
                T8Examples.representation(self).replace("modelqos-dl-50m", "modelqos-dl-25m"))));

        Optional<AsSessionWithQoSSubscription> s = Await.result(nef.client().replace(nef.uri(PATH), changed()));

        nef.server().verify(exactly(1), AfRequests.replace(PATH, CHANGED_JSON));
        assertEquals("modelqos-dl-25m", s.orElseThrow().getQosReference());
    }

    @Test
    void answeredWithNoContent() throws Exception {
        nef.server().stubFor(put(PATH).willReturn(noContent()));

        assertTrue(Await.result(nef.client().replace(nef.uri(PATH), changed())).isEmpty());

        nef.server().verify(exactly(1), AfRequests.replace(PATH, CHANGED_JSON));
    }

    @ParameterizedTest(name = "{0} followed")
    @ValueSource(ints = {307, 308})
    void followsARedirectWithMethodAndBody(int status) throws Exception {
        String moved = "/nef-b" + PATH;
        nef.server().stubFor(put(PATH).willReturn(redirect(status, nef.uri(moved).toString())));
        nef.server().stubFor(put(moved).willReturn(noContent()));

        assertTrue(Await.result(nef.client().replace(nef.uri(PATH), changed())).isEmpty());

        nef.server().verify(exactly(1), AfRequests.replace(PATH, CHANGED_JSON));
        nef.server().verify(exactly(1), AfRequests.replace(moved, CHANGED_JSON));
    }
}
