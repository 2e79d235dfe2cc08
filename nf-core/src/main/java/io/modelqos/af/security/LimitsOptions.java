package io.modelqos.af.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.modelqos.qos.BitRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one tenant may ask of the AF (section {@code limits} of the configuration).
 *
 * <pre>{@code
 * limits:
 *   requestsPerSecond: 50          # per tenant, sustained; 0 = no rate limit
 *   burst: 100                     # requests a tenant may send at once
 *   tenantGbrCap: "5 Gbps"         # the aggregate GBR one tenant may hold across its live deliveries
 *   tenantGbrCaps: {tenant-a: "10 Gbps"}
 *   eventStreamsPerTenant: 1000    # open SSE streams one tenant may hold
 *   eventStreamsPerDelivery: 8     # open SSE streams of one delivery
 * }</pre>
 *
 * @param requestsPerSecond the sustained rate of northbound requests per tenant (default 50; 0 = unlimited)
 * @param burst             the bucket size (default twice the rate, at least 1)
 * @param tenantGbrCap      the default cap on a tenant's aggregate GBR (3GPP BitRate text); null = no cap
 * @param tenantGbrCaps     caps for named tenants, overriding the default
 * @param eventStreamsPerTenant   the event streams (SSE) a tenant may have open at once (default 1000)
 * @param eventStreamsPerDelivery the event streams one delivery may have open at once (default 8)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record LimitsOptions(Double requestsPerSecond, Integer burst, String tenantGbrCap, Map<String, String> tenantGbrCaps,
                            Integer eventStreamsPerTenant, Integer eventStreamsPerDelivery) {

    public static final double DEFAULT_REQUESTS_PER_SECOND = 50;
    public static final int DEFAULT_EVENT_STREAMS_PER_TENANT = 1000;
    public static final int DEFAULT_EVENT_STREAMS_PER_DELIVERY = 8;
    public static final LimitsOptions DEFAULTS = new LimitsOptions(null, null, null, null);

    public LimitsOptions(Double requestsPerSecond, Integer burst, String tenantGbrCap, Map<String, String> tenantGbrCaps) {
        this(requestsPerSecond, burst, tenantGbrCap, tenantGbrCaps, null, null);
    }

    public int eventStreamsPerTenantOrDefault() {
        return eventStreamsPerTenant == null ? DEFAULT_EVENT_STREAMS_PER_TENANT : eventStreamsPerTenant;
    }

    public int eventStreamsPerDeliveryOrDefault() {
        return eventStreamsPerDelivery == null ? DEFAULT_EVENT_STREAMS_PER_DELIVERY : eventStreamsPerDelivery;
    }

    public double requestsPerSecondOrDefault() {
        return requestsPerSecond == null ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
    }

    public int burstOrDefault() {
        return burst != null ? burst : (int) Math.max(1, Math.ceil(2 * requestsPerSecondOrDefault()));
    }

    /** The cap of {@code tenant}, or null when it has none. */
    public BitRate gbrCapOf(String tenant) {
        String cap = tenantGbrCaps != null && tenantGbrCaps.containsKey(tenant) ? tenantGbrCaps.get(tenant) : tenantGbrCap;
        return cap == null || cap.isBlank() ? null : BitRate.parse(cap.strip());
    }

    public boolean anyGbrCap() {
        return tenantGbrCap != null && !tenantGbrCap.isBlank() || tenantGbrCaps != null && !tenantGbrCaps.isEmpty();
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (requestsPerSecond != null && (requestsPerSecond < 0 || requestsPerSecond.isNaN() || requestsPerSecond > 1e6)) {
            problems.add("limits.requestsPerSecond: must be within 0..1000000 (0 = no limit)");
        }
        if (burst != null && burst < 1) {
            problems.add("limits.burst: must be at least 1");
        }
        if (eventStreamsPerTenant != null && eventStreamsPerTenant < 1) {
            problems.add("limits.eventStreamsPerTenant: must be at least 1");
        }
        if (eventStreamsPerDelivery != null && eventStreamsPerDelivery < 1) {
            problems.add("limits.eventStreamsPerDelivery: must be at least 1");
        }
        bitRate(problems, "limits.tenantGbrCap", tenantGbrCap);
        if (tenantGbrCaps != null) {
            tenantGbrCaps.forEach((tenant, cap) -> bitRate(problems, "limits.tenantGbrCaps." + tenant, cap));
        }
        return problems;
    }

    private static void bitRate(List<String> problems, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            BitRate.parse(value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(name + ": '" + value + "' is not a bit rate such as \"5 Gbps\"");
        }
    }
}
