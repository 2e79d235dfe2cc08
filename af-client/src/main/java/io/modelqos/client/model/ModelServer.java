package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelqos.client.internal.Checks;

/**
 * Where the model is sent from: one address and the port, for the IP flow the network is told about.
 *
 * <pre>{@code ModelServer server = ModelServer.ipv4("10.0.0.10", 443);}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelServer(String ipv4Addr, String ipv6Addr, int port) {

    /** A server by IPv4 address and TCP port. */
    public static ModelServer ipv4(String address, int port) {
        ModelServer server = new ModelServer(address, null, port);
        server.validate("server");
        return server;
    }

    /** A server by IPv6 address (RFC 5952 form) and TCP port. */
    public static ModelServer ipv6(String address, int port) {
        ModelServer server = new ModelServer(null, address, port);
        server.validate("server");
        return server;
    }

    void validate(String path) {
        Checks.check((ipv4Addr == null) != (ipv6Addr == null),
                "%s must hold exactly one of ipv4Addr or ipv6Addr", path);
        if (ipv4Addr != null) {
            Checks.matching(Checks.IPV4, ipv4Addr, path + ".ipv4Addr");
        } else {
            Checks.check(Checks.isIpv6(ipv6Addr), "%s.ipv6Addr must be an IPv6 address in RFC 5952 form, was \"%s\"",
                    path, ipv6Addr);
        }
        Checks.check(port >= 1 && port <= 65535, "%s.port must be between 1 and 65535, was %d", path, port);
    }
}
