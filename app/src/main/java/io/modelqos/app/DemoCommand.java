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

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
                "  modelqos demo --json demo.json      (the table, and JSON in demo.json)",
                "  modelqos demo --ui                  (then open the printed dashboard URL; Ctrl-C stops)"})
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

    @Option(names = "--ui",
            description = "Keep the AF and its emulator running after the scenarios and print the URL of the "
                    + "dashboard, to look at the deliveries they made; stop with Ctrl-C.")
    private boolean ui;

    /** Counted down once the AF and the emulator have stopped, for the Ctrl-C hook to wait for. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Option(names = "--southbound", paramLabel = "nef|pcf", defaultValue = "nef",
            description = "ask the emulator's NEF over T8 (nef, the default) or its PCF over N5, found through its NRF"
                    + " and BSF (pcf)")
    private String southbound;

    @Override
    public Integer call() throws Exception {
        if (degraded < 0) {
            throw new ParameterException(spec.commandLine(), "--degraded must not be negative, was " + degraded);
        }
        if (!"nef".equals(southbound) && !"pcf".equals(southbound)) {
            throw new ParameterException(spec.commandLine(), "--southbound must be nef or pcf, was " + southbound);
        }
        DemoScenario.select(scenarios);   // a filter that selects nothing is bad input: fail before starting anything
        DemoSettings settings = DemoSettings.defaults().withSeed(seed).withScenarios(scenarios).withDegraded(degraded)
                .withSetupAllowance(setupAllowance).withSouthbound(southbound);
        boolean jsonOnStdout = "-".equals(json);
        PrintWriter out = spec.commandLine().getOut();
        DemoReport report;
        try (QuietLogs quiet = QuietLogs.unlessConfigured()) {
            report = DemoRunner.run(settings, new DemoRunner.Listener() {
                @Override
                public void ready(DemoEnvironment environment, List<DemoScenario> selected,
                                  List<Prediction> predictions) {
                    if (!jsonOnStdout) {
                        out.print(DemoTable.header(environment, selected, predictions));
                        out.flush();
                    }
                }

                @Override
                public void finished(ScenarioResult result) {
                    if (!jsonOnStdout) {
                        out.print(DemoTable.row(result));
                        out.flush();
                    }
                }

                @Override
                public void done(DemoReport report) throws IOException {
                    if (ui) {
                        printResults(report, jsonOnStdout);
                        PrintWriter note = jsonOnStdout ? spec.commandLine().getErr() : out;
                        note.println("Dashboard: " + report.environment().afBaseUri() + "/ui/ (the AF and its NEF "
                                + "emulator keep running; Ctrl-C stops them)");
                        note.flush();
                        awaitCtrlC();
                    }
                }
            });
        } finally {
            stopped.countDown();
        }
        if (!ui) {
            printResults(report, jsonOnStdout);
        }
        if (!report.allAsPredicted()) {
            spec.commandLine().getErr().println("modelqos demo: " + report.results().stream()
                    .filter(r -> !r.asPredicted()).count() + " scenario(s) did not behave as predicted");
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }

    private void printResults(DemoReport report, boolean jsonOnStdout) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
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
    }

    /**
     * Waits for Ctrl-C (or an interrupt of this thread, as a test sends): the shutdown hook releases the wait, then
     * holds the JVM until the AF and the emulator have stopped.
     */
    private void awaitCtrlC() {
        CountDownLatch ctrlC = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ctrlC.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "modelqos-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ctrlC.await();
        } catch (InterruptedException e) {
            // Asked to stop: the AF and the emulator close as the run returns.
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
