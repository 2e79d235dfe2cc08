package io.modelqos.conformance.nef;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Read (GET on the subscription, FetchIndASSessionWithQoSSubscription): 200, and 307/308 followed. */
class ReadConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String PATH = WireMockNef.sub("sub-1");

    @Test
    void readsTheRepresentation() throws Exception {
        String self = nef.uri(PATH).toString();
        nef.server().stubFor(get(PATH).willReturn(json(200, T8Examples.representation(self))));

        AsSessionWithQoSSubscription s = Await.result(nef.client().read(nef.uri(PATH)));

        nef.server().verify(exactly(1), AfRequests.read(PATH));
        assertEquals(self, s.getSelf());
        assertEquals(T8Examples.DESTINATION, s.getNotificationDestination());
        assertEquals("30", s.getSupportedFeatures());
    }

    @Test
    void toleratesAttributesOfALaterRelease() throws Exception {
        String self = nef.uri(PATH).toString();
        String later = T8Examples.representation(self).replaceFirst("\\{", "{\"someRel19Attribute\":{\"x\":1},");
        nef.server().stubFor(get(PATH).willReturn(json(200, later)));

        assertEquals(self, Await.result(nef.client().read(nef.uri(PATH))).getSelf());
    }

    @ParameterizedTest(name = "{0} followed")
    @ValueSource(ints = {307, 308})
    void followsARedirect(int status) throws Exception {
        String moved = "/nef-b" + PATH;
        nef.server().stubFor(get(PATH).willReturn(redirect(status, nef.uri(moved).toString())));
        nef.server().stubFor(get(moved).willReturn(json(200, T8Examples.representation(nef.uri(PATH).toString()))));

        AsSessionWithQoSSubscription s = Await.result(nef.client().read(nef.uri(PATH)));

        assertEquals(T8Examples.DESTINATION, s.getNotificationDestination());
        nef.server().verify(exactly(1), AfRequests.read(PATH));
        nef.server().verify(exactly(1), AfRequests.read(moved));
    }
}
