package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The UE filter of the list operation ({@code ip-addrs}, {@code ip-domain}, {@code mac-addrs}): a
 * subscription is listed if its UE matches any of the given addresses. No filter lists everything.
 */
record ListFilter(List<String> ipv4, List<String> ipv6, List<String> ipv6Prefixes, String ipDomain, List<String> macs) {

    static final ListFilter NONE = new ListFilter(List.of(), List.of(), List.of(), null, List.of());

    /**
     * @param ipAddrs  the decoded {@code ip-addrs} JSON array (already validated), or null
     * @param ipDomain the {@code ip-domain} value, or null
     * @param macAddrs the {@code mac-addrs} values (already validated)
     */
    static ListFilter of(JsonArray ipAddrs, String ipDomain, List<String> macAddrs) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (ipAddrs != null) {
            for (Object o : ipAddrs) {
                JsonObject addr = (JsonObject) o;
                if (addr.getString("ipv4Addr") != null) {
                    v4.add(addr.getString("ipv4Addr"));
                }
                if (addr.getString("ipv6Addr") != null) {
                    v6.add(SemanticChecks.normalizeIpv6(addr.getString("ipv6Addr")));
                }
                if (addr.getString("ipv6Prefix") != null) {
                    prefixes.add(addr.getString("ipv6Prefix"));
                }
            }
        }
        if (ipDomain != null && v4.isEmpty()) {
            throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, "ip-domain",
                    "ip-domain is only allowed together with an IPv4 address in ip-addrs");
        }
        List<String> macs = new ArrayList<>();
        macAddrs.forEach(m -> macs.add(m.toLowerCase(Locale.ROOT)));
        return new ListFilter(v4, v6, prefixes, ipDomain, macs);
    }

    boolean isEmpty() {
        return ipv4.isEmpty() && ipv6.isEmpty() && ipv6Prefixes.isEmpty() && macs.isEmpty();
    }

    boolean matches(AsSessionWithQoSSubscription sub) {
        if (isEmpty()) {
            return true;
        }
        if (sub.getUeIpv4Addr() != null && ipv4.contains(sub.getUeIpv4Addr())
                && (ipDomain == null || ipDomain.equals(sub.getIpDomain()))) {
            return true;
        }
        if (sub.getUeIpv6Addr() != null) {
            String addr = SemanticChecks.normalizeIpv6(sub.getUeIpv6Addr());
            if (ipv6.contains(addr) || ipv6Prefixes.stream().anyMatch(p -> inPrefix(addr, p))) {
                return true;
            }
        }
        return sub.getMacAddr() != null && macs.contains(sub.getMacAddr().toLowerCase(Locale.ROOT));
    }

    private static boolean inPrefix(String address, String prefix) {
        int slash = prefix.indexOf('/');
        if (slash < 0 || !SemanticChecks.isIpv6Literal(address)
                || !SemanticChecks.isIpv6Literal(prefix.substring(0, slash))) {
            return false;
        }
        try {
            int bits = Integer.parseInt(prefix.substring(slash + 1));
            BigInteger a = new BigInteger(1, InetAddress.getByName(address).getAddress());
            BigInteger p = new BigInteger(1, InetAddress.getByName(prefix.substring(0, slash)).getAddress());
            int shift = 128 - bits;
            return bits >= 0 && bits <= 128 && a.shiftRight(shift).equals(p.shiftRight(shift));
        } catch (NumberFormatException | UnknownHostException e) {
            return false;
        }
    }
}
