package io.modelqos.af.capif;

import java.util.List;

/**
 * What the AF needs from one discovered service API (TS 29.222 ServiceAPIDescription): its name and id, and the
 * exposing functions that serve it.
 */
public record DiscoveredApi(String apiName, String apiId, List<Aef> aefs) {

    public DiscoveredApi {
        aefs = aefs == null ? List.of() : List.copyOf(aefs);
    }

    /** One API exposing function (AefProfile): its id, the API versions it serves, how it is secured and reached. */
    public record Aef(String aefId, List<String> versions, List<String> securityMethods, String domainName,
                      List<Endpoint> endpoints) {
        public Aef {
            versions = versions == null ? List.of() : List.copyOf(versions);
            securityMethods = securityMethods == null ? List.of() : List.copyOf(securityMethods);
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        }
    }

    /** One interface of an exposing function (InterfaceDescription): an address, a port, an optional path prefix. */
    public record Endpoint(String ipv4Addr, String ipv6Addr, String fqdn, Integer port, String apiPrefix,
                           List<String> securityMethods) {
        public Endpoint {
            securityMethods = securityMethods == null ? List.of() : List.copyOf(securityMethods);
        }
    }
}
