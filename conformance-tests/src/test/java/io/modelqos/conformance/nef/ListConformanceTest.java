package io.modelqos.conformance.nef;

import io.modelqos.af.nef.NefSubscription;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * List (GET on the collection, FetchAllASSessionWithQoSSubscriptions): the {@code ip-addrs} query as a
 * URL-encoded JSON array of IpAddr, each entry's {@code self} as its URI, and 307/308 followed.
 */
class ListConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    @Test
    void listsTheSubscriptionsOfOneUe() throws Exception {
        String a = nef.uri(WireMockNef.sub("a")).toString();
        String b = nef.uri(WireMockNef.sub("b")).toString();
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY))
                .willReturn(json(200, "[" + T8Examples.representation(a) + ","
                        + T8Examples.representation(b, "https://af.modelqos.example/nef-callbacks/v1/other") + "]")));

        List<NefSubscription> list = Await.result(nef.client().list(Optional.of(T8Examples.UE_IPV4)));

        nef.server().verify(exactly(1), AfRequests.list(T8Examples.IP_ADDRS_QUERY));
        assertEquals(List.of(nef.uri(WireMockNef.sub("a")), nef.uri(WireMockNef.sub("b"))),
                list.stream().map(NefSubscription::uri).toList());
        assertEquals("https://af.modelqos.example/nef-callbacks/v1/other", list.get(1).body().getNotificationDestination());
    }

    @Test
    void anIpv6AddressIsSentAsIpv6Addr() throws Exception {
        String query = "ip-addrs=%5B%7B%22ipv6Addr%22%3A%222001%3Adb8%3A%3A2%22%7D%5D";
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION + "?" + query)).willReturn(json(200, "[]")));

        assertTrue(Await.result(nef.client().list(Optional.of("2001:db8::2"))).isEmpty());

        nef.server().verify(exactly(1), AfRequests.list(query));
    }

    @Test
    void withoutAnAddressTheWholeCollectionIsListed() throws Exception {
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION)).willReturn(json(200, "[]")));

        assertTrue(Await.result(nef.client().list(Optional.empty())).isEmpty());

        nef.server().verify(exactly(1), AfRequests.list(null));
    }

    @ParameterizedTest(name = "{0} followed")
    @ValueSource(ints = {307, 308})
    void followsARedirect(int status) throws Exception {
        String moved = "/nef-b" + WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY;
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY))
                .willReturn(redirect(status, moved)));
        nef.server().stubFor(get(urlEqualTo(moved)).willReturn(json(200,
                "[" + T8Examples.representation(nef.uri(WireMockNef.sub("a")).toString()) + "]")));

        List<NefSubscription> list = Await.result(nef.client().list(Optional.of(T8Examples.UE_IPV4)));

        assertEquals(1, list.size());
        nef.server().verify(exactly(1), AfRequests.list(T8Examples.IP_ADDRS_QUERY));
        nef.server().verify(exactly(1), com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(moved))
                .withHeader("Accept", com.github.tomakehurst.wiremock.client.WireMock.equalTo(AfRequests.ACCEPT)));
    }
}
