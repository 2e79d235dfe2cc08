package io.modelqos.app;

import io.modelqos.af.catalog.AiModel;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.qos.NothingFits;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.af.sizing.TransferSizing;

import java.time.Duration;
import java.util.Locale;

/** Plans as one table row each: model, precision, budget, rates, QoS chosen and its parameters. */
final class DemoTable {

    private static final String ROW = "%-18s %-5s %-9s %-7s %-13s %-13s %-16s %-6s %-6s %-6s %s";

    private final StringBuilder rows = new StringBuilder();

    DemoTable() {
        line(String.format(Locale.ROOT, ROW, "Model", "Prec", "Size", "Budget", "Payload rate",
                "GBR x" + TransferSizer.DEFAULT.overhead().factor().toPlainString(), "QoS", "AW ms", "PDB ms",
                "PER", "qosDuration / usage threshold"));
    }

    void add(AiModel model, ModelVariant variant, Duration budget, PlanOutcome outcome) {
        if (outcome instanceof QosPlan plan) {
            TransferSizing sizing = plan.primary().sizing();
            line(String.format(Locale.ROOT, ROW, model.displayName(), variant.precision(),
                    Formats.megabytes(variant.sizeBytes()), Formats.ms(budget), sizing.payloadRate(),
                    sizing.requestedGbrDl(), plan.primary().ref(), plan.averagingWindowMs(), plan.primary().pdbMs(),
                    plan.primary().per(), plan.qosDurationSeconds() + " s / "
                            + Formats.bytes(plan.usageThreshold().totalVolume())));
        } else {
            NothingFits nothing = (NothingFits) outcome;
            TransferSizing sizing = TransferSizer.DEFAULT.size(variant.sizeBytes(), budget);
            String offer = nothing.budgetNeededAtOffer() == null ? "no usable QoS reference"
                    : "nothing fits: " + nothing.bestOfferDl() + " needs " + Formats.ms(nothing.budgetNeededAtOffer());
            line(String.format(Locale.ROOT, "%-18s %-5s %-9s %-7s %-13s %-13s %s", model.displayName(),
                    variant.precision(), Formats.megabytes(variant.sizeBytes()), Formats.ms(budget),
                    sizing.payloadRate(), sizing.requestedGbrDl(), offer));
        }
    }

    String render() {
        return rows.toString();
    }

    private void line(String text) {
        rows.append(text.stripTrailing()).append(System.lineSeparator());
    }
}
