package io.modelqos.client.model;

import io.modelqos.client.internal.Checks;
import java.time.Duration;

/** The validation that delivery and plan requests share. */
final class RequestRules {

    private RequestRules() {
    }

    static long budgetMs(Duration budget, String name) {
        long ms = budget.toMillis();
        Checks.check(ms >= 1 && ms <= Checks.MAX_LATENCY_BUDGET_MS,
                "%s must be between 1 ms and %d ms, was %s", name, Checks.MAX_LATENCY_BUDGET_MS, budget);
        return ms;
    }

    /** The start window in whole milliseconds, 0 (none) to the longest budget; null stays null (the AF's default). */
    static Long startWindowMs(Duration startWindow) {
        if (startWindow == null) {
            return null;
        }
        long ms = startWindow.toMillis();
        Checks.check(!startWindow.isNegative() && ms <= Checks.MAX_LATENCY_BUDGET_MS,
                "startWindow must be between 0 ms and %d ms, was %s", Checks.MAX_LATENCY_BUDGET_MS, startWindow);
        return ms;
    }

    static void checkAvailability(Double availability) {
        Checks.check(availability == null || (availability >= 0.5 && availability < 1.0),
                "availability must be at least 0.5 and below 1 (0.99999 = 99.999 %%), was %s", availability);
    }

    static NegotiationPolicy negotiation(Boolean allowVariantFallback, Duration maxLatencyBudget, long budgetMs) {
        Long maxMs = null;
        if (maxLatencyBudget != null) {
            maxMs = budgetMs(maxLatencyBudget, "maxLatencyBudget");
            Checks.check(maxMs >= budgetMs,
                    "maxLatencyBudget (%d ms) must not be shorter than latencyBudget (%d ms)", maxMs, budgetMs);
        }
        return allowVariantFallback == null && maxMs == null ? null : new NegotiationPolicy(allowVariantFallback, maxMs);
    }
}
