package io.modelqos.app;

import io.modelqos.app.demo.DemoEnvironment;
import io.modelqos.app.demo.DemoJson;
import io.modelqos.app.demo.DemoReport;
import io.modelqos.app.demo.DemoRunner;
import io.modelqos.app.demo.DemoScenario;
import io.modelqos.app.demo.DemoSettings;
import io.modelqos.app.demo.DemoTable;
import io.modelqos.app.demo.Prediction;
import io.modelqos.app.demo.QuietLogs;
import io.modelqos.app.demo.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code modelqos demo}: the seed's use case end to end in one process - the AF with its embedded NEF emulator,
 * the AI/ML server through the SDK, and real bytes over a shaped loopback link - checked against the capacity
 * model's predictions. Exit code 0 when every scenario behaved as predicted, 1 otherwise.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Runs the use case end to end: the 7 image-recognition models of TR 22.874 table 6.x.1-1, each "
                        + "offered as FP32 with INT8 allowed as fallback, at budgets of 1 s, 100 ms and 33 ms "
                        + "(21 scenarios).",
                "Starts the AF with its embedded NEF emulator, asks for QoS through the SDK, moves each granted "
                        + "variant's bytes over loopback TCP shaped to the granted rate, reports the measurement "
                        + "and prints a table.",
                "Every outcome is predicted beforehand from the emulator's capacity model; the exit code is 0 "
                        + "only if every scenario behaved as predicted (1 otherwise, 2 for bad options)."},
        footer = {"", "Examples:",
                "  modelqos demo",
                "  modelqos demo --scenarios mobilenet,33ms",
                "  modelqos demo --json > demo.json    (JSON instead of the table)",
                "  modelqos demo --json demo.json      (the table, and JSON in demo.json)"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "Write the results as JSON: to FILE (the table still goes to stdout), or, without FILE, "
                    + "to stdout instead of the table.")
    private String json;

    @Option(names = "--scenarios", paramLabel = "FILTER",
            description = "Run only some scenarios: comma-separated models (resnet-50, or a part such as resnet), "
                    + "budgets (1s, 100ms, 33ms) or both (mobilenet@33ms). Default: all 21.")
    private String scenarios;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seeds the emulator, the choice of degraded scenarios and the model bytes (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--degraded", paramLabel = "N", defaultValue = "2",
            description = "How many admitted 1 s scenarios get a QoS degradation episode from the emulator's fault "
                    + "plan, so that achieved availability drops below 100 %% (default ${DEFAULT-VALUE}; 0 = none).")
    private int degraded;

    @Option(names = "--setup-allowance", paramLabel = "DURATION", defaultValue = "0ms",
            converter = DurationConverter.class,
            description = "The part of each budget the AF keeps for connection set-up; the GBR is sized for the "
                    + "rest (default ${DEFAULT-VALUE}, so the rates match the seed's tables).")
    private Duration setupAllowance;

    @Override
    public Integer call() throws Exception {
        if (degraded < 0) {
            throw new ParameterException(spec.commandLine(), "--degraded must not be negative, was " + degraded);
        }
        DemoScenario.select(scenarios);   // a filter that selects nothing is bad input: fail before starting anything
        DemoSettings settings = DemoSettings.defaults().withSeed(seed).withScenarios(scenarios).withDegraded(degraded)
                .withSetupAllowance(setupAllowance);
        boolean jsonOnStdout = "-".equals(json);
        PrintWriter out = spec.commandLine().getOut();
        DemoReport report;
        try (QuietLogs quiet = QuietLogs.unlessConfigured()) {
            report = DemoRunner.run(settings, jsonOnStdout ? null : new DemoRunner.Listener() {
                @Override
                public void ready(DemoEnvironment environment, List<DemoScenario> selected,
                                  List<Prediction> predictions) {
                    out.print(DemoTable.header(environment, selected, predictions));
                    out.flush();
                }

                @Override
                public void finished(ScenarioResult result) {
                    out.print(DemoTable.row(result));
                    out.flush();
                }
            });
        }
        if (jsonOnStdout) {
            out.println(DemoJson.write(report));
        } else {
            out.print(DemoTable.footer(report));
            if (json != null) {
                Files.writeString(Path.of(json), DemoJson.write(report) + System.lineSeparator(), StandardCharsets.UTF_8);
                out.println("JSON written to " + json);
            }
        }
        out.flush();
        if (!report.allAsPredicted()) {
            spec.commandLine().getErr().println("modelqos demo: " + report.results().stream()
                    .filter(r -> !r.asPredicted()).count() + " scenario(s) did not behave as predicted");
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }
}
