package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static io.modelqos.conformance.nef.NefStubs.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Modify (PATCH on the subscription, ModifyIndASSessionWithQoSSubscription): an RFC 7396 merge patch sent as
 * {@code application/merge-patch+json} in which {@code null} removes an attribute; 200 or 204; 307/308 followed.
 */
class ModifyConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String PATH = WireMockNef.sub("sub-1");
    /** Switch to the lower reference and stop the usage threshold. */
    private static final String PATCH_JSON = "{\"qosReference\":\"modelqos-dl-25m\",\"usageThreshold\":null}";

    private static ObjectNode mergePatch() {
        ObjectNode patch = T8Json.mapper().createObjectNode();
        patch.put("qosReference", "modelqos-dl-25m");
        patch.putNull("usageThreshold");
        return patch;
    }

    @Test
    void nullRemovesAnAttribute() throws Exception {
        String self = nef.uri(PATH).toString();
        nef.server().stubFor(patch(PATH).willReturn(json(200,
                T8Examples.representation(self).replace("modelqos-dl-50m", "modelqos-dl-25m"))));

        Optional<AsSessionWithQoSSubscription> s = Await.result(nef.client().modify(nef.uri(PATH), mergePatch()));

        nef.server().verify(exactly(1), AfRequests.modify(PATH, PATCH_JSON));
        assertEquals("modelqos-dl-25m", s.orElseThrow().getQosReference());
        assertNull(s.get().getUsageThreshold());
    }

    @Test
    void answeredWithNoContent() throws Exception {
        nef.server().stubFor(patch(PATH).willReturn(noContent()));

        assertTrue(Await.result(nef.client().modify(nef.uri(PATH), mergePatch())).isEmpty());

        nef.server().verify(exactly(1), AfRequests.modify(PATH, PATCH_JSON));
    }

    @ParameterizedTest(name = "{0} followed")
    @ValueSource(ints = {307, 308})
    void followsARedirectWithMethodAndBody(int status) throws Exception {
        String moved = "/nef-b" + PATH;
        nef.server().stubFor(patch(PATH).willReturn(redirect(status, moved)));
        nef.server().stubFor(patch(moved).willReturn(noContent()));

        assertTrue(Await.result(nef.client().modify(nef.uri(PATH), mergePatch())).isEmpty());

        nef.server().verify(exactly(1), AfRequests.modify(PATH, PATCH_JSON));
        nef.server().verify(exactly(1), AfRequests.modify(moved, PATCH_JSON));
    }
}
