package io.modelqos.af.delivery;

import java.net.URI;
import java.util.List;

/**
 * What the AI/ML server asked for, in domain terms, already checked against the northbound contract.
 *
 * @param ue                   the UE, by exactly one of its addresses
 * @param server               where the model is sent from (for the IP flow description)
 * @param modelName            the model's name
 * @param variants             the forms the model can be delivered in, 1 to 16
 * @param latencyBudgetMs      the time within which the whole model must arrive
 * @param availability         the communication service availability target (e.g. 0.99999)
 * @param allowVariantFallback whether a smaller variant may be granted
 * @param maxLatencyBudgetMs   the longest budget the caller accepts, or null
 * @param notificationUri      where events are POSTed, or null
 * @param notificationToken    the bearer token sent with each event, or null
 * @param startWindowMs        the time the model server needs from the grant to its first byte (0: none), or null for
 *                             the AF's configured default
 */
public record DeliveryRequest(UeAddress ue, ServerAddress server, String modelName, List<Variant> variants,
                              long latencyBudgetMs, double availability, boolean allowVariantFallback,
                              Long maxLatencyBudgetMs, URI notificationUri, String notificationToken,
                              Long startWindowMs) {

    public DeliveryRequest {
        variants = List.copyOf(variants);
        modelName = Shared.text(modelName);
        notificationUri = Shared.uri(notificationUri);
        notificationToken = Shared.text(notificationToken);
    }

    /** A request that leaves the start window to the AF's default. */
    public DeliveryRequest(UeAddress ue, ServerAddress server, String modelName, List<Variant> variants,
                           long latencyBudgetMs, double availability, boolean allowVariantFallback,
                           Long maxLatencyBudgetMs, URI notificationUri, String notificationToken) {
        this(ue, server, modelName, variants, latencyBudgetMs, availability, allowVariantFallback, maxLatencyBudgetMs,
                notificationUri, notificationToken, null);
    }

    /** The UE by exactly one of IPv4 address, IPv6 address or GPSI. */
    public record UeAddress(String ipv4Addr, String ipv6Addr, String gpsi) {
        /** The value used for filtering and for the NEF's ip-addrs query. */
        public String key() {
            return ipv4Addr != null ? ipv4Addr : ipv6Addr != null ? ipv6Addr : gpsi;
        }
    }

    /** The model server's address and port. */
    public record ServerAddress(String ipv4Addr, String ipv6Addr, int port) {
        public ServerAddress {
            ipv4Addr = Shared.text(ipv4Addr);
            ipv6Addr = Shared.text(ipv6Addr);
        }

        public String address() {
            return ipv4Addr != null ? ipv4Addr : ipv6Addr;
        }
    }

    /** One deliverable form of the model. */
    public record Variant(String id, String precision, long sizeBytes, Double accuracy) {
        public Variant {
            id = Shared.text(id);
            precision = Shared.text(precision);
        }
    }

    public Variant variant(String id) {
        for (Variant v : variants) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        return null;
    }
}
