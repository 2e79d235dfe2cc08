package io.modelqos.af.qos;

/** How a plan departs from what was asked for. */
public enum PlanAdjustment {
    /** The primary QoS carries a smaller variant than the best one. */
    SMALLER_VARIANT,
    /** The latency budget was lengthened (within the request's maximum) to fit an offered rate. */
    LONGER_BUDGET
}
