package io.modelqos.af.qos;

/**
 * What planning yields: a {@link QosPlan}, or {@link NothingFits} with the best offer.
 *
 * <pre>{@code
 * PlanOutcome outcome = planner.plan(request);
 * if (outcome instanceof QosPlan plan) { subscribe(plan); } else { reject((NothingFits) outcome); }
 * }</pre>
 */
public sealed interface PlanOutcome permits QosPlan, NothingFits {
}
