package io.modelqos.af.events;

/** The CloudEvent types the AF sends to the AI/ML server, as the northbound contract lists them. */
public enum EventType {
    QOS_GRANTED("io.modelqos.delivery.qos-granted", false),
    QOS_REJECTED("io.modelqos.delivery.qos-rejected", false),
    QOS_DEGRADED("io.modelqos.delivery.qos-degraded", false),
    QOS_RESTORED("io.modelqos.delivery.qos-restored", false),
    RATE_REPORT("io.modelqos.delivery.rate-report", false),
    COMPLETED("io.modelqos.delivery.completed", true),
    CANCELLED("io.modelqos.delivery.cancelled", true),
    EXPIRED("io.modelqos.delivery.expired", true),
    FAILED("io.modelqos.delivery.failed", true);

    private final String cloudEventType;
    private final boolean terminal;

    EventType(String cloudEventType, boolean terminal) {
        this.cloudEventType = cloudEventType;
        this.terminal = terminal;
    }

    public String cloudEventType() {
        return cloudEventType;
    }

    /** A terminal event is the last of its delivery's stream. */
    public boolean terminal() {
        return terminal;
    }
}
