package io.modelqos.app;

import io.modelqos.af.catalog.AiModel;
import io.modelqos.af.catalog.ModelCatalog;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.af.qos.SupportedFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code modelqos demo}: for now a table of the plan for every seed model and precision at the seed's three
 * latency budgets. A placeholder until the end-to-end demo replaces it.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Print the QoS plan for every seed model, precision and latency budget (1 s, 100 ms, 33 ms).")
final class DemoCommand implements Callable<Integer> {

    static final List<Duration> SEED_BUDGETS = List.of(Duration.ofSeconds(1), Duration.ofMillis(100),
            Duration.ofMillis(33));

    /** AlternativeQoS_5G and QoSMonitoring_5G: plans use the operator's QoS references. */
    private static final SupportedFeatures DEMO_FEATURES = SupportedFeatures.parse("30");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        QosPlanner planner = QosPlanner.withDefaults();
        DemoTable table = new DemoTable();
        for (AiModel model : ModelCatalog.builtIn().models()) {
            for (Duration budget : SEED_BUDGETS) {
                for (ModelVariant variant : model.variants()) {
                    PlanRequest request = PlanRequest.of(List.of(variant), budget).withNefFeatures(DEMO_FEATURES);
                    table.add(model, variant, budget, planner.plan(request));
                }
            }
        }
        spec.commandLine().getOut().print(table.render());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
