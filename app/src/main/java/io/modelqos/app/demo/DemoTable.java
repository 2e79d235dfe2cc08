package io.modelqos.app.demo;

import io.modelqos.qos.BitRate;
import io.modelqos.app.demo.Prediction.Outcome;
import io.modelqos.client.model.BestOffer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The demo as text: a header saying what runs against what, one row per scenario (printed as each ends), and a
 * legend with a one-line summary. Rates in Mbit/s or Gbit/s, sizes in MB of 10^6 bytes as the seed counts them.
 */
public final class DemoTable {

    private static final String ROW = "%2s  %-17s %6s %6s  %-4s %7s %12s %12s  %-35s %12s %9s  %-18s %6s";

    private DemoTable() {
    }

    /** What the scenarios run against, and the column headings. */
    public static String header(DemoEnvironment env, List<DemoScenario> scenarios, List<Prediction> predictions) {
        StringBuilder out = new StringBuilder();
        line(out, "ModelQoS demo: " + scenarios.size() + " scenario" + (scenarios.size() == 1 ? "" : "s")
                + " - image-recognition models of TR 22.874 table 6.x.1-1 at the budgets of tables 6.x.1-1 and 6.x.6-1,"
                + " each offered as FP32 with INT8 allowed as fallback.");
        line(out, "AF " + env.afBaseUri() + " with its " + env.network() + ": " + env.cells() + " cells x "
                + Units.rate(env.cellGbrBps()) + " GBR, " + Units.rate(env.ueLimitBps()) + " per UE.");
        String grantable = predictions.stream().map(Prediction::grantableBps).distinct().count() == 1
                ? "= " + Units.rate(predictions.get(0).grantableBps()) + " for every scenario" : "(per scenario)";
        line(out, "Scenarios run one at a time, each with its own UE: grantable = min(cell headroom, UE limit) "
                + grantable + ".");
        String window = env.setupAllowance().isZero() ? "budget"
                : "(budget - " + Units.duration(env.setupAllowance()) + " setup allowance)";
        line(out, "Payload rate = size x 8 / " + window + "; Req. GBR = payload rate x "
                + env.overheadFactor().toPlainString() + " transport overhead. The AF asks for FP32 with INT8 as "
                + "the alternative QoS.");
        line(out, "Bytes move over loopback TCP paced at granted GBR / " + env.overheadFactor().toPlainString()
                + " (token bucket); this machine's unshaped loopback: " + Units.rate(env.loopbackBps()) + ".");
        out.append(System.lineSeparator());
        line(out, String.format(Locale.ROOT, ROW, "#", "Model", "Params", "Budget", "Var.", "Size", "Payload rate",
                "Req. GBR", "Outcome", "Granted", "Time", "In budget", "Avail."));
        return out.toString();
    }

    /** One scenario's row, followed by a line per mismatch. */
    public static String row(ScenarioResult r) {
        StringBuilder out = new StringBuilder();
        DemoScenario s = r.scenario();
        Prediction.SizedVariant shown = shownVariant(r);
        ScenarioResult.Answer answer = r.answer();
        String granted = answer.gbrDl() == null ? "-" : Units.rate(BitRate.parse(answer.gbrDl())
                .bitsPerSecond());
        ScenarioResult.Transfer t = r.transfer();
        String time = t == null ? "-" : ms(t.elapsed());
        String availability = r.availability() == null ? "-"
                : Units.percent(r.availability()) + (r.episode() != null ? "*" : "");
        line(out, String.format(Locale.ROOT, ROW, s.number(), s.displayName(), Units.millions(s.model().parameters()),
                s.budgetLabel(), shown.variant().precision(), Units.megabytes(shown.variant().sizeBytes()),
                Units.rate(shown.sizing().payloadRate().bitsPerSecond()),
                Units.rate(shown.wireGbrDl().bitsPerSecond()), outcome(r), granted, time, inBudget(r), availability));
        for (String mismatch : r.mismatches()) {
            line(out, "    MISMATCH: " + mismatch);
        }
        return out.toString();
    }

    /** The legend and the summary line. */
    public static String footer(DemoReport report) {
        StringBuilder out = new StringBuilder();
        DemoEnvironment env = report.environment();
        out.append(System.lineSeparator());
        line(out, "Outcome: granted = FP32 as asked; fallback = the network applied the INT8 alternative (the FP32 "
                + "GBR exceeds what it can grant); rejected = 422 with the network's best offer: its rate, and the "
                + "budget INT8 would need at it.");
        line(out, "Time: the model server's measurement, from the UE's request to the UE's receipt of the last byte "
                + "(reported to the AF, which completes the delivery and releases the network's session).");
        line(out, "In budget: no, QoS lost = the network did not guarantee the QoS for part of the download; "
                + "no, host = the shaped link's schedule fits the budget (checked), the extra time is this machine's "
                + "(thread scheduling, copies) and not the network's; machine-limited = the granted rate exceeds "
                + "this machine's unshaped loopback.");
        line(out, "Avail.: the share of the delivery's time the network guaranteed its QoS, as the AF accounts it. "
                + (report.results().stream().anyMatch(r -> r.episode() != null)
                ? "* = a QoS degradation was injected " + env.episode().startAfterMs() + " ms after admission for "
                + env.episode().durationMs() + " ms: the link drops to the next lower alternative, else to "
                + Units.percent(env.episode().rateFactor()) + " of the grant."
                : "No degradation was injected (--degraded 0): every admitted delivery keeps its QoS."));
        line(out, summary(report));
        return out.toString();
    }

    /** The one-line summary. */
    public static String summary(DemoReport report) {
        List<ScenarioResult> results = report.results();
        long asPredicted = results.stream().filter(ScenarioResult::asPredicted).count();
        List<ScenarioResult> moved = results.stream().filter(r -> r.transfer() != null).toList();
        long bytes = moved.stream().mapToLong(r -> r.transfer().bytes()).sum();
        long within = moved.stream().filter(r -> Boolean.TRUE.equals(r.withinBudget())).count();
        List<ScenarioResult> late = moved.stream().filter(r -> Boolean.FALSE.equals(r.withinBudget())).toList();
        long machineLimited = late.stream().filter(r -> r.transfer().machineLimited()).count();
        long lateDegraded = late.stream().filter(r -> !r.transfer().machineLimited()
                && (r.episode() != null || r.qosNotGuaranteedMs() > 0)).count();
        long lateHost = late.size() - machineLimited - lateDegraded;
        StringBuilder text = new StringBuilder("Summary: ");
        text.append(asPredicted == results.size() ? "all " + results.size() + " scenarios as predicted"
                : (results.size() - asPredicted) + " of " + results.size() + " scenarios NOT as predicted");
        text.append(" (").append(report.count(Outcome.GRANTED)).append(" granted, ")
                .append(report.count(Outcome.FALLBACK)).append(" fallback to INT8, ")
                .append(report.count(Outcome.REJECTED)).append(" rejected); ")
                .append(moved.size()).append(" downloads, ").append(Units.megabytes(bytes)).append(", ")
                .append(within).append(" within budget");
        if (lateDegraded > 0) {
            text.append(", ").append(lateDegraded).append(" late while the QoS was not guaranteed");
        }
        if (lateHost > 0) {
            text.append(", ").append(lateHost).append(" late on this host");
        }
        if (machineLimited > 0) {
            text.append(", ").append(machineLimited).append(" late and machine-limited");
        }
        text.append("; wall time ").append(seconds(report.wallNanos())).append('.');
        return text.toString();
    }

    private static Prediction.SizedVariant shownVariant(ScenarioResult r) {
        String variantId = r.answer().variantId();
        if (variantId != null) {
            for (Prediction.SizedVariant v : r.prediction().variants()) {
                if (v.variant().id().equals(variantId)) {
                    return v;
                }
            }
        }
        return r.prediction().shown();
    }

    private static String outcome(ScenarioResult r) {
        ScenarioResult.Answer answer = r.answer();
        if (answer.outcome() == null) {
            return "error";
        }
        return switch (answer.outcome()) {
            case GRANTED -> "granted";
            case FALLBACK -> "fallback, FP32 needs " + Units.rate(r.prediction().best().wireGbrDl().bitsPerSecond());
            case REJECTED -> rejected(answer.bestOffer());
        };
    }

    private static String rejected(BestOffer offer) {
        if (offer == null || offer.acceptableRate() == null) {
            return "rejected, no offer";
        }
        String rate = Units.rate(BitRate.parse(offer.acceptableRate()).bitsPerSecond());
        return "rejected, offer " + rate + (offer.latencyBudgetMs() == null ? "" : " (" + offer.latencyBudgetMs() + " ms)");
    }

    private static String inBudget(ScenarioResult r) {
        Boolean within = r.withinBudget();
        if (within == null) {
            return "-";
        }
        if (within) {
            return "yes";
        }
        if (r.transfer().machineLimited()) {
            return "machine-limited";
        }
        if (r.episode() != null || r.qosNotGuaranteedMs() > 0) {
            return "no, QoS lost";
        }
        return "no, host +" + BigDecimal.valueOf(r.transfer().elapsedNanos() - r.scenario().budget().toNanos())
                .movePointLeft(6).setScale(1, RoundingMode.UP).toPlainString() + " ms";
    }

    static String ms(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos()).movePointLeft(6).setScale(1, RoundingMode.HALF_UP)
                .toPlainString() + " ms";
    }

    private static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(9).setScale(1, RoundingMode.HALF_UP).toPlainString()
                + " s";
    }

    private static void line(StringBuilder out, String text) {
        out.append(Objects.requireNonNull(text).stripTrailing()).append(System.lineSeparator());
    }
}
