package io.modelqos.app.demo;

import java.util.List;

/**
 * The whole run: the environment, one result per scenario, and the wall time.
 *
 * @param environment what the scenarios ran against
 * @param results     one per scenario, in order
 * @param wallNanos   from the start of the AF to the end of the last scenario
 */
public record DemoReport(DemoEnvironment environment, List<ScenarioResult> results, long wallNanos) {

    public DemoReport {
        results = List.copyOf(results);
    }

    /** Whether every scenario behaved as predicted: the demo's exit code is 0 only then. */
    public boolean allAsPredicted() {
        return results.stream().allMatch(ScenarioResult::asPredicted);
    }

    public long count(Prediction.Outcome outcome) {
        return results.stream().filter(r -> r.answer().outcome() == outcome).count();
    }
}
