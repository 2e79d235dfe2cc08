package io.modelqos.af.capif;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The exposing function the AF uses for its API, chosen among those discovered: one serving a version the AF speaks
 * ({@value #SUPPORTED_VERSION}), preferring one secured by a method the AF prefers, and not one that just kept
 * failing unless no other is left. The NEF's apiRoot comes from the first interface description (IPv4 address,
 * else IPv6 address, else FQDN; port; apiPrefix) or else the domain name. Its scheme is the one CAPIF is reached
 * with: https wherever TS 33.122 applies (CAPIF-2e is TLS), http only in a laboratory.
 *
 * @param apiName         the service API's name
 * @param apiId           its id at CAPIF (for the security context); may be null
 * @param aefId           the chosen exposing function
 * @param apiRoot         the NEF's apiRoot derived from it
 * @param securityMethods the methods the exposing function offers
 */
public record AefChoice(String apiName, String apiId, String aefId, String apiRoot, List<String> securityMethods) {

    /** The AsSessionWithQoS API version the AF speaks, as it appears in the URI. */
    public static final String SUPPORTED_VERSION = "v1";

    /**
     * @param discovered the discovery's answer
     * @param scheme     http or https, as CAPIF is reached
     * @param preferred  the AF's security methods in order of preference
     * @param avoid      exposing functions that kept failing: chosen only when none other fits
     */
    public static Optional<AefChoice> choose(List<DiscoveredApi> discovered, String scheme, List<String> preferred,
                                             Collection<String> avoid) {
        List<AefChoice> fitting = new ArrayList<>();
        for (DiscoveredApi api : discovered) {
            for (DiscoveredApi.Aef aef : api.aefs()) {
                if (aef.aefId() == null || aef.versions().stream().noneMatch(AefChoice::supported)) {
                    continue;
                }
                apiRoot(aef, scheme).ifPresent(root -> fitting.add(new AefChoice(api.apiName(), api.apiId(),
                        aef.aefId(), root, methods(aef))));
            }
        }
        return fitting.stream().min((a, b) -> Integer.compare(rank(a, preferred, avoid), rank(b, preferred, avoid)));
    }

    /** Why nothing was chosen, for the start error. */
    public static String whyNone(List<DiscoveredApi> discovered, String apiName) {
        if (discovered.isEmpty()) {
            return "CAPIF lists no API named " + apiName + " for this invoker";
        }
        List<String> seen = new ArrayList<>();
        for (DiscoveredApi api : discovered) {
            for (DiscoveredApi.Aef aef : api.aefs()) {
                seen.add(aef.aefId() + " " + aef.versions());
            }
        }
        return "CAPIF lists " + apiName + " but no exposing function serves version " + SUPPORTED_VERSION
                + " at an address the AF can use (seen: " + (seen.isEmpty() ? "no exposing function" : seen) + ")";
    }

    private static int rank(AefChoice choice, List<String> preferred, Collection<String> avoid) {
        int method = preferred.size();
        for (int i = 0; i < preferred.size(); i++) {
            if (choice.securityMethods().isEmpty() || choice.securityMethods().contains(preferred.get(i))) {
                method = i;
                break;
            }
        }
        return (avoid.contains(choice.aefId()) ? 1000 : 0) + method;
    }

    /** "v1", or a full version such as "1.2.0" of major version 1. */
    static boolean supported(String version) {
        if (version == null) {
            return false;
        }
        String v = version.toLowerCase(Locale.ROOT);
        return v.equals(SUPPORTED_VERSION) || v.startsWith(SUPPORTED_VERSION + ".") || v.startsWith("1.") || v.equals("1");
    }

    private static List<String> methods(DiscoveredApi.Aef aef) {
        List<String> all = new ArrayList<>(aef.securityMethods());
        for (DiscoveredApi.Endpoint e : aef.endpoints()) {
            e.securityMethods().stream().filter(m -> !all.contains(m)).forEach(all::add);
        }
        return all;
    }

    static Optional<String> apiRoot(DiscoveredApi.Aef aef, String scheme) {
        for (DiscoveredApi.Endpoint e : aef.endpoints()) {
            String host = e.ipv4Addr() != null ? e.ipv4Addr()
                    : e.ipv6Addr() != null ? "[" + e.ipv6Addr() + "]" : e.fqdn();
            if (host == null || host.isBlank()) {
                continue;
            }
            String prefix = e.apiPrefix() == null || e.apiPrefix().isBlank() ? ""
                    : "/" + stripSlashes(e.apiPrefix());
            return Optional.of(scheme + "://" + host + (e.port() == null ? "" : ":" + e.port()) + prefix);
        }
        if (aef.domainName() != null && !aef.domainName().isBlank()) {
            String d = stripSlashes(aef.domainName());
            return Optional.of(d.contains("://") ? d : scheme + "://" + d);
        }
        return Optional.empty();
    }

    private static String stripSlashes(String s) {
        String r = s.trim();
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
