package io.modelqos.af.qos;

import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.qos.BitRate;

import java.time.Duration;
import java.util.Objects;

/**
 * No allowed variant can be delivered within the allowed budget; carries the best offer so the caller can
 * decide (wait longer, accept a smaller model, give up).
 *
 * @param reason              human-readable explanation
 * @param bestOfferDl         the rate on offer: the NEF's acceptable rate after a 403, or else the GBR of the
 *                            catalogue reference that would carry the smallest variant soonest; {@code null}
 *                            when the catalogue has no usable reference at all
 * @param smallestVariant     the smallest allowed variant
 * @param budgetNeededAtOffer the shortest latency budget (setup allowance included) within which the smallest
 *                            variant gets a QoS not above {@code bestOfferDl} - with QoS references, through
 *                            the fastest usable reference under it; {@code null} when there is none
 */
public record NothingFits(String reason, BitRate bestOfferDl, ModelVariant smallestVariant,
                          Duration budgetNeededAtOffer) implements PlanOutcome {

    public NothingFits {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(smallestVariant, "smallestVariant");
        if (bestOfferDl == null && budgetNeededAtOffer != null) {
            throw new IllegalArgumentException("a budget needs an offer");
        }
    }
}
