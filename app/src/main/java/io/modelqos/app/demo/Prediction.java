package io.modelqos.app.demo;

import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.af.sizing.TransferSizing;
import io.modelqos.client.model.ModelSpec;
import io.modelqos.client.model.ModelVariant;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the capacity model predicts for one delivery, worked out before the AF is asked.
 *
 * <p>The AF sizes every variant: requested GBR = size x 8 x transport overhead / (budget - setup allowance),
 * rounded up, and sent to the NEF in the 3GPP text form (rounded up again, at the third decimal). It offers
 * the largest variant first and each smaller one whose GBR is strictly lower as an alternative
 * ({@code altQosReqs}). The emulator admits the first of them whose GBR is at most the rate it can grant that
 * UE now, min(cell GBR budget - GBR reserved in the UE's cell, per-UE limit - GBR the UE holds); when none
 * fits it answers 403 offering that rate, the AF re-plans under it, finds no variant that fits, and answers
 * 422 with the offer and the budget the smallest variant would need at it.
 *
 * @param outcome        granted as asked, fallback to a smaller variant, or rejected
 * @param variants       every variant with its sizing, in the order the AF offers them (largest first)
 * @param grantableBps   the rate the emulator can grant the UE, from its capacity options and current load
 * @param delivered      the variant the network will carry (null when rejected)
 * @param offerBudgetMs  when rejected: the budget the smallest variant needs at the grantable rate (null at 0)
 */
public record Prediction(Outcome outcome, List<SizedVariant> variants, long grantableBps, SizedVariant delivered,
                         Long offerBudgetMs) {

    /** How a delivery request ends. */
    public enum Outcome {
        /** The network carries the largest (FP32) variant. */
        GRANTED,
        /** The network carries a smaller variant the AF offered as an alternative. */
        FALLBACK,
        /** Nothing offered fits: 422 with the network's best offer. */
        REJECTED
    }

    /**
     * A variant and the rates it needs within the budget.
     *
     * @param variant   the variant as the SDK describes it
     * @param sizing    the AF's sizing (payload rate, requested GBR)
     * @param wireGbrDl the requested GBR as the NEF reads it from its text form
     */
    public record SizedVariant(ModelVariant variant, TransferSizing sizing, BitRate wireGbrDl) {
    }

    public Prediction {
        Objects.requireNonNull(outcome, "outcome");
        variants = List.copyOf(variants);
    }

    /**
     * @param model          the model with its variants
     * @param budget         the latency budget
     * @param setupAllowance the AF's setup allowance (part of the budget before the first byte)
     * @param sizer          the AF's transfer sizer
     * @param grantableBps   the rate the emulator can grant the UE
     */
    public static Prediction of(ModelSpec model, Duration budget, Duration setupAllowance, TransferSizer sizer,
                                long grantableBps) {
        List<SizedVariant> sized = new ArrayList<>();
        model.variants().stream()
                .sorted(Comparator.comparingLong(ModelVariant::sizeBytes).reversed())
                .forEach(v -> {
                    TransferSizing sizing = sizer.size(v.sizeBytes(), budget, setupAllowance);
                    sized.add(new SizedVariant(v, sizing, BitRate.parse(sizing.requestedGbrDl().toString())));
                });
        BigDecimal grantable = BigDecimal.valueOf(grantableBps);
        BitRate previous = null;
        for (int i = 0; i < sized.size(); i++) {
            SizedVariant candidate = sized.get(i);
            boolean offered = previous == null || candidate.wireGbrDl().compareTo(previous) < 0;
            if (!offered) {
                continue;
            }
            previous = candidate.wireGbrDl();
            if (candidate.wireGbrDl().bitsPerSecond().compareTo(grantable) <= 0) {
                return new Prediction(i == 0 ? Outcome.GRANTED : Outcome.FALLBACK, sized, grantableBps, candidate, null);
            }
        }
        SizedVariant smallest = sized.get(sized.size() - 1);
        Long offerBudgetMs = grantableBps <= 0 ? null
                : sizer.budgetNeeded(smallest.variant().sizeBytes(), BitRate.ofBitsPerSecond(grantableBps),
                setupAllowance).toMillis();
        return new Prediction(Outcome.REJECTED, sized, grantableBps, null, offerBudgetMs);
    }

    /** The largest variant, the one the AF asks for first. */
    public SizedVariant best() {
        return variants.get(0);
    }

    /** The smallest variant. */
    public SizedVariant smallest() {
        return variants.get(variants.size() - 1);
    }

    /** The variant this row of the table describes: the one delivered, or the smallest when rejected. */
    public SizedVariant shown() {
        return delivered != null ? delivered : smallest();
    }
}
