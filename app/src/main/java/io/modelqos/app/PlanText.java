package io.modelqos.app;

import io.modelqos.af.catalog.AiModel;
import io.modelqos.qos.NefFeature;
import io.modelqos.af.qos.NothingFits;
import io.modelqos.af.qos.PlanAdjustment;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.PlannedQos;
import io.modelqos.af.qos.QosMode;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.qos.QosReference;
import io.modelqos.af.sizing.TransferSizing;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.modelqos.app.Formats.bytes;
import static io.modelqos.app.Formats.megabytes;
import static io.modelqos.app.Formats.ms;
import static io.modelqos.app.Formats.percent;
import static io.modelqos.app.Formats.variant;

/** A plan as aligned, human-readable text. */
final class PlanText {

    private static final String ROW = "%-18s %s";

    private final StringBuilder text = new StringBuilder();

    private PlanText() {
    }

    static String format(AiModel model, PlanRequest request, PlanOutcome outcome) {
        PlanText out = new PlanText();
        if (outcome instanceof QosPlan plan) {
            out.header(model, plan.request());
            out.plan(plan);
        } else {
            out.header(model, request);
            out.nothingFits((NothingFits) outcome);
        }
        return out.text.toString();
    }

    private void header(AiModel model, PlanRequest request) {
        row("Model", model.displayName() + " (" + model.id() + ")");
        row("Latency budget", ms(request.latencyBudget()) + " (setup allowance " + ms(request.setupAllowance())
                + ", transfer window " + ms(request.transferWindow()) + ")");
        row("Availability", percent(request.availability()));
        row("NEF features", request.nefFeatures().toString());
        text.append(System.lineSeparator());
    }

    private void plan(QosPlan plan) {
        PlannedQos primary = plan.primary();
        row("Primary", variant(primary.variant()));
        sizing("  ", primary.sizing());
        row("  QoS", qos(plan.mode(), primary, false));
        text.append(System.lineSeparator());
        if (plan.alternatives().isEmpty()) {
            row("Alternatives", "none" + whyNoAlternatives(plan));
        } else {
            row("Alternatives", (plan.mode() == QosMode.QOS_REFERENCE ? "altQoSReferences" : "altQosReqs")
                    + ", in order");
            List<PlannedQos> alternatives = plan.alternatives();
            for (int i = 0; i < alternatives.size(); i++) {
                PlannedQos alternative = alternatives.get(i);
                row("  " + (i + 1) + ". " + variant(alternative.variant()), "");
                sizing("     ", alternative.sizing());
                row("     QoS", qos(plan.mode(), alternative, true));
            }
        }
        text.append(System.lineSeparator());
        row("Averaging window", plan.averagingWindowMs() + " ms (avrgWndw, at most the transfer window)");
        row("PDB / PER limits", "PDB <= " + plan.maxPdbMs() + " ms (from the budget), PER <= " + plan.maxPer()
                + " (from the availability)");
        row("Usage threshold", bytes(plan.usageThreshold().totalVolume()) + " (downlink "
                + bytes(plan.usageThreshold().downlinkVolume()) + ", uplink "
                + bytes(plan.usageThreshold().uplinkVolume()) + "; transfer plus margin)");
        row("Start window", ms(plan.startWindow()) + " (grant to first byte; without progress in it the AF releases"
                + " the session early)");
        row("qosDuration", plan.qosDurationSeconds() + " s (start window + budget + margin, rounded up)");
        row("Rate reports", "every " + plan.rateReportPeriod().toSeconds() + " s (repPeriod of QoS monitoring: a tenth of "
                + "the transfer, at least 1 s; when the AF monitors the delivery)");
        if (!plan.adjustments().isEmpty()) {
            row("Adjusted", plan.adjustments().stream().map(PlanText::describe).collect(Collectors.joining(", ")));
        }
    }

    private void sizing(String indent, TransferSizing sizing) {
        row(indent + "Payload rate", sizing.payloadRate() + " (" + megabytes(sizing.payloadBytes()) + " x 8 / "
                + ms(sizing.transferWindow()) + ")");
        row(indent + "Requested GBR", sizing.requestedGbrDl() + " (payload rate x " + sizing.overhead().factor().toPlainString()
                + " transport overhead)");
    }

    private static String qos(QosMode mode, PlannedQos qos, boolean alternative) {
        if (mode == QosMode.QOS_REFERENCE) {
            QosReference ref = qos.reference();
            return (alternative ? "" : "qosReference ") + ref.name() + ": 5QI " + ref.fiveQi() + ", GBR DL "
                    + ref.gbrDl() + ", GBR UL " + ref.gbrUl() + ", PDB " + ref.pdbMs() + " ms, PER " + ref.per();
        }
        return "altQosParamSetRef " + qos.ref() + ": gbrDl " + qos.gbrDl() + ", gbrUl " + qos.gbrUl()
                + ", pdb " + qos.pdbMs() + " ms, per " + qos.per();
    }

    private static String whyNoAlternatives(QosPlan plan) {
        PlanRequest request = plan.request();
        if (!request.allowVariantFallback()) {
            return " (fallback not allowed)";
        }
        if (!request.nefFeatures().supports(NefFeature.ALTERNATIVE_QOS_5G)) {
            return " (the NEF does not support AlternativeQoS_5G)";
        }
        return " (no smaller variant needs less rate)";
    }

    private void nothingFits(NothingFits nothing) {
        row("Nothing fits", nothing.reason());
        if (nothing.bestOfferDl() == null) {
            row("Best offer", "none");
        } else if (nothing.budgetNeededAtOffer() == null) {
            row("Best offer", nothing.bestOfferDl() + ", with no usable QoS reference under it");
        } else {
            row("Best offer", nothing.bestOfferDl() + ": " + variant(nothing.smallestVariant())
                    + " would need a latency budget of " + ms(nothing.budgetNeededAtOffer()));
        }
    }

    private static String describe(PlanAdjustment adjustment) {
        return adjustment.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private void row(String label, String value) {
        text.append(String.format(Locale.ROOT, ROW, label, value).stripTrailing()).append(System.lineSeparator());
    }
}
