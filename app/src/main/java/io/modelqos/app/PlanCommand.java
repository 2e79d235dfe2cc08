package io.modelqos.app;

import io.modelqos.af.catalog.AiModel;
import io.modelqos.af.catalog.ModelCatalog;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.sizing.InvalidPlanInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code modelqos plan}: the QoS the AF would request for one model, as text or JSON. */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Plan the QoS to request so a model arrives within a latency budget.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a plan was found", "1:nothing fits (the best offer is printed)", "2:invalid input"})
final class PlanCommand implements Callable<Integer> {

    /** Which option carries each PlanRequest field, to name it in error messages. */
    private static final Map<String, String> OPTION_FOR_FIELD = Map.of(
            "latencyBudget", "--latency",
            "availability", "--availability",
            "maxLatencyBudget", "--max-latency",
            "setupAllowance", "--setup-allowance",
            "startWindow", "--start-window");

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, completionCandidates = ModelIds.class,
            description = "Model id: ${COMPLETION-CANDIDATES}.")
    private String modelId;

    @Option(names = "--precision", defaultValue = "all", paramLabel = "fp32|int8|all",
            description = "Variant(s) to plan for; 'all' offers the smaller variants as fallbacks. Default: all.")
    private PrecisionChoice precision;

    @Option(names = "--latency", required = true, converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Latency budget for the whole download, e.g. 1s, 100ms, 33ms.")
    private Duration latency;

    @Option(names = "--availability", defaultValue = "0.99999", paramLabel = "FRACTION",
            description = "Communication service availability target, within (0, 1). Default: ${DEFAULT-VALUE}.")
    private double availability;

    @Option(names = "--max-latency", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest budget acceptable if the network offers less rate. Default: the latency budget.")
    private Duration maxLatency;

    @Option(names = "--features", defaultValue = "30", converter = FeaturesConverter.class, paramLabel = "HEX",
            description = "NEF supported features (hex; 30 = AlternativeQoS_5G + QoSMonitoring_5G, "
                    + "830 adds AltQosWithIndParams_5G). Default: ${DEFAULT-VALUE}.")
    private SupportedFeatures features;

    @Option(names = "--setup-allowance", defaultValue = "0ms", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Part of the budget spent before the first byte (QoS setup, handshakes). Default: 0ms.")
    private Duration setupAllowance;

    @Option(names = "--start-window", defaultValue = "1000ms", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Time the model server has from the grant to its first byte, added to qosDuration "
                    + "(the AF's startWindowMs; 0ms: none). Default: 1000ms, the AF's default.")
    private Duration startWindow;

    @Option(names = "--no-fallback", description = "Deliver only the best variant; no smaller fallbacks.")
    private boolean noFallback;

    @Option(names = "--json", description = "Print the plan as JSON.")
    private boolean json;

    private final ModelCatalog models = ModelCatalog.builtIn();
    private final QosPlanner planner = QosPlanner.withDefaults();

    @Override
    public Integer call() {
        AiModel model = models.find(modelId).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Unknown model '" + modelId + "'; known models: " + String.join(", ", models.ids())));
        PlanRequest request = request(precision.variantsOf(model));
        PlanOutcome outcome = planner.plan(request);
        spec.commandLine().getOut().print(json ? PlanJson.write(model, request, outcome)
                : PlanText.format(model, request, outcome));
        spec.commandLine().getOut().flush();
        return outcome instanceof QosPlan ? 0 : 1;
    }

    private PlanRequest request(List<ModelVariant> variants) {
        try {
            return new PlanRequest(variants, latency, availability, !noFallback, maxLatency, setupAllowance, features,
                    startWindow);
        } catch (InvalidPlanInputException e) {
            String option = OPTION_FOR_FIELD.getOrDefault(e.field(), e.field());
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': "
                    + e.getMessage());
        }
    }
}
