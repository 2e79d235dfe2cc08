package io.modelqos.af.security;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.engine.Admission;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.qos.BitRate;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;

/**
 * The cap on the aggregate guaranteed bit rate one tenant may hold across its live deliveries. A delivery holds the
 * GBR the network granted it, or, while it is being negotiated, the GBR the AF asked for; a new delivery counts with
 * the largest GBR it would ask for (its plan's primary option). A create beyond the cap is refused with 422 before
 * anything is stored or asked of the NEF; the problem names the cap, what the tenant holds, and as its best offer the
 * headroom left (a longer latency budget or a smaller variant may fit in it).
 */
public final class TenantGbrCap implements Admission {
    private static final Logger LOG = LoggerFactory.getLogger(TenantGbrCap.class);

    private final DeliveryStore store;
    private final LimitsOptions limits;

    public TenantGbrCap(DeliveryStore store, LimitsOptions limits) {
        this.store = store;
        this.limits = limits == null ? LimitsOptions.DEFAULTS : limits;
    }

    @Override
    public Future<AfProblem> check(String tenant, BitRate gbrDl) {
        BitRate cap = limits.gbrCapOf(tenant);
        if (cap == null) {
            return Future.succeededFuture();
        }
        return store.liveOf(tenant).map(live -> check(tenant, gbrDl, cap, held(live)));
    }

    private static AfProblem check(String tenant, BitRate gbrDl, BitRate cap, BitRate held) {
        BigDecimal after = held.bitsPerSecond().add(gbrDl.bitsPerSecond());
        if (after.compareTo(cap.bitsPerSecond()) <= 0) {
            return null;
        }
        BitRate headroom = BitRate.ofBitsPerSecond(cap.bitsPerSecond().subtract(held.bitsPerSecond()).max(BigDecimal.ZERO));
        LOG.info("tenant {}: create refused, {} more would exceed its aggregate GBR cap of {} (holding {})", tenant,
                gbrDl, cap, held);
        return AfProblem.unprocessable("the tenant's aggregate GBR cap of " + cap + " would be exceeded: it holds "
                + held + " across its live deliveries and this delivery needs " + gbrDl + " (limits.tenantGbrCap)",
                new BestOffer(headroom.toString(), null, null));
    }

    /** The GBR the live deliveries of a tenant hold (or may hold) in the network. */
    private static BitRate held(java.util.List<Delivery> live) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Delivery d : live) {
            if (!d.state().holdsNetworkResources()) {
                continue;
            }
            String gbr = d.granted() != null ? d.granted().gbrDl() : d.requested() != null ? d.requested().gbrDl() : null;
            if (gbr != null) {
                try {
                    sum = sum.add(BitRate.parse(gbr).bitsPerSecond());
                } catch (IllegalArgumentException e) {
                    LOG.warn("delivery {}: GBR '{}' cannot be read; not counted against the cap", d.id(), gbr);
                }
            }
        }
        return BitRate.ofBitsPerSecond(sum);
    }
}
