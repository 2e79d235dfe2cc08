package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.GrantedQos;
import io.modelqos.af.delivery.PlannedOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which planned option is in force for a delivery, as the network's reports name them. */
final class Grants {
    private static final Logger LOG = LoggerFactory.getLogger(Grants.class);

    private Grants() {
    }

    /** The planned option the network names by {@code appliedRef}; the one in force when it names none the AF offered. */
    static PlannedOption applied(Delivery d, String appliedRef) {
        if (appliedRef != null) {
            PlannedOption option = d.option(appliedRef);
            if (option != null) {
                return option;
            }
            LOG.warn("delivery {}: the network applied '{}', which the AF did not offer; keeping the grant", d.id(), appliedRef);
        }
        PlannedOption current = d.option(refInForce(d));
        return current != null ? current : d.options().get(0);
    }

    /** Puts {@code option} in force; true when that changed the granted variant or QoS. */
    static boolean switchTo(Delivery d, PlannedOption option) {
        if (option.ref().equals(refInForce(d))) {
            return false;
        }
        long qosDuration = d.granted() == null ? 0 : d.granted().qosDurationS();
        d.granted(of(option, qosDuration));
        LOG.info("delivery {}: the network applies {} ({}), carrying {}", d.id(), option.ref(), option.gbrDl(), option.variantId());
        return true;
    }

    static GrantedQos of(PlannedOption option, long qosDurationS) {
        return new GrantedQos(option.variantId(), option.gbrDl(), option.byReference() ? option.ref() : null,
                option.byReference() ? null : option.ref(), option.expectedTransferMs(), option.latencyBudgetMs(), qosDurationS,
                option.startWindowMs());
    }

    private static String refInForce(Delivery d) {
        GrantedQos g = d.granted();
        return g == null ? null : g.qosReference() != null ? g.qosReference() : g.altQosParamSetRef();
    }
}
