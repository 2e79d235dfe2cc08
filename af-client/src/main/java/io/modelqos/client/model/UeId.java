package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelqos.client.internal.Checks;

/**
 * The UE a model is delivered to, by exactly one of its IPv4 address, IPv6 address or GPSI.
 *
 * <pre>{@code UeId ue = UeId.ipv4("10.45.0.2");}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UeId(String ipv4Addr, String ipv6Addr, String gpsi) {

    /** The UE by IPv4 address, e.g. "10.45.0.2". */
    public static UeId ipv4(String address) {
        return new UeId(Checks.matching(Checks.IPV4, address, "ue.ipv4Addr"), null, null);
    }

    /** The UE by IPv6 address in RFC 5952 form (lower case, shortest), e.g. "2001:db8::2". */
    public static UeId ipv6(String address) {
        Checks.check(Checks.isIpv6(address), "ue.ipv6Addr must be an IPv6 address in RFC 5952 form, was \"%s\"", address);
        return new UeId(null, address, null);
    }

    /** The UE by GPSI, "msisdn-&lt;5 to 15 digits&gt;" or "extid-&lt;id&gt;@&lt;domain&gt;". */
    public static UeId gpsi(String gpsi) {
        return new UeId(null, null, Checks.matching(Checks.GPSI, gpsi, "ue.gpsi"));
    }

    /** The one identifier this value holds, in the form the delivery list filter takes. */
    public String value() {
        return ipv4Addr != null ? ipv4Addr : ipv6Addr != null ? ipv6Addr : gpsi;
    }

    void validate(String path) {
        int given = (ipv4Addr != null ? 1 : 0) + (ipv6Addr != null ? 1 : 0) + (gpsi != null ? 1 : 0);
        Checks.check(given == 1, "%s must hold exactly one of ipv4Addr, ipv6Addr or gpsi, has %d", path, given);
        if (ipv4Addr != null) {
            Checks.matching(Checks.IPV4, ipv4Addr, path + ".ipv4Addr");
        } else if (ipv6Addr != null) {
            Checks.check(Checks.isIpv6(ipv6Addr), "%s.ipv6Addr must be an IPv6 address in RFC 5952 form, was \"%s\"",
                    path, ipv6Addr);
        } else {
            Checks.matching(Checks.GPSI, gpsi, path + ".gpsi");
        }
    }
}
