package io.modelqos.af.capif;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which exposing function the AF takes, and the apiRoot it derives from what CAPIF published. */
class AefChoiceTest {
    private static final List<String> PREFERRED = List.of("OAUTH", "PKI");

    private static DiscoveredApi.Aef aef(String id, List<String> versions, List<String> methods,
                                         DiscoveredApi.Endpoint... endpoints) {
        return new DiscoveredApi.Aef(id, versions, methods, null, List.of(endpoints));
    }

    private static DiscoveredApi.Endpoint ipv4(String address, int port, String prefix) {
        return new DiscoveredApi.Endpoint(address, null, null, port, prefix, List.of());
    }

    @Test
    void theApiRootComesFromTheInterfaceDescriptionWithCapifsScheme() {
        var api = new DiscoveredApi("3gpp-as-session-with-qos", "api-1",
                List.of(aef("aef-1", List.of("v1"), List.of("OAUTH"), ipv4("10.0.0.7", 8443, "/nef/"))));
        AefChoice choice = AefChoice.choose(List.of(api), "https", PREFERRED, Set.of()).orElseThrow();
        assertEquals("https://10.0.0.7:8443/nef", choice.apiRoot());
        assertEquals("aef-1", choice.aefId());
        assertEquals("api-1", choice.apiId());
    }

    @Test
    void anIpv6AddressIsBracketedAnFqdnTakenAsItIsAndADomainNameIsTheLastResort() {
        var v6 = new DiscoveredApi.Aef("a", List.of("v1"), List.of(), null,
                List.of(new DiscoveredApi.Endpoint(null, "2001:db8::1", null, 443, null, List.of())));
        var fqdn = new DiscoveredApi.Aef("a", List.of("v1"), List.of(), null,
                List.of(new DiscoveredApi.Endpoint(null, null, "nef.operator.example", null, "api", List.of())));
        var domain = new DiscoveredApi.Aef("a", List.of("v1"), List.of(), "nef.operator.example:9443", List.of());
        assertEquals("https://[2001:db8::1]:443", AefChoice.apiRoot(v6, "https").orElseThrow());
        assertEquals("https://nef.operator.example/api", AefChoice.apiRoot(fqdn, "https").orElseThrow());
        assertEquals("http://nef.operator.example:9443", AefChoice.apiRoot(domain, "http").orElseThrow());
    }

    @Test
    void onlyVersionOneIsTakenAndAPreferredSecurityMethodWins() {
        var api = new DiscoveredApi("3gpp-as-session-with-qos", null, List.of(
                aef("v2-only", List.of("v2"), List.of("OAUTH"), ipv4("10.0.0.1", 1, null)),
                aef("psk", List.of("v1"), List.of("PSK"), ipv4("10.0.0.2", 2, null)),
                aef("pki", List.of("v1"), List.of("PKI"), ipv4("10.0.0.3", 3, null))));
        assertEquals("pki", AefChoice.choose(List.of(api), "https", PREFERRED, Set.of()).orElseThrow().aefId());
        var onlyV2 = new DiscoveredApi("x", null, List.of(aef("v2-only", List.of("v2"), List.of(),
                ipv4("10.0.0.1", 1, null))));
        assertTrue(AefChoice.choose(List.of(onlyV2), "https", PREFERRED, Set.of()).isEmpty());
        assertTrue(AefChoice.whyNone(List.of(onlyV2), "x").contains("no exposing function serves version v1"),
                AefChoice.whyNone(List.of(onlyV2), "x"));
        assertTrue(AefChoice.whyNone(List.of(), "x").contains("lists no API named x"));
    }

    @Test
    void aFailingExposingFunctionIsAvoidedWhileAnotherFitsAndTakenWhenItIsTheOnlyOne() {
        var api = new DiscoveredApi("3gpp-as-session-with-qos", null, List.of(
                aef("first", List.of("v1"), List.of("OAUTH"), ipv4("10.0.0.1", 1, null)),
                aef("second", List.of("v1"), List.of("OAUTH"), ipv4("10.0.0.2", 2, null))));
        assertEquals("first", AefChoice.choose(List.of(api), "http", PREFERRED, Set.of()).orElseThrow().aefId());
        assertEquals("second", AefChoice.choose(List.of(api), "http", PREFERRED, Set.of("first")).orElseThrow().aefId());
        var alone = new DiscoveredApi("x", null, List.of(aef("first", List.of("v1"), List.of(), ipv4("10.0.0.1", 1, null))));
        assertEquals("first", AefChoice.choose(List.of(alone), "http", PREFERRED, Set.of("first")).orElseThrow().aefId());
    }
}
