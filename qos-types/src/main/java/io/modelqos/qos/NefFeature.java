package io.modelqos.qos;

import java.util.Arrays;
import java.util.Optional;

/**
 * The AsSessionWithQoS features (TS 29.122 clause 5.14.4) known here by name and number. Features not listed here
 * are kept as bits by {@link SupportedFeatures} but have no name.
 */
public enum NefFeature {
    NOTIFICATION_WEBSOCKET(1, "Notification_websocket"),
    NOTIFICATION_TEST_EVENT(2, "Notification_test_event"),
    ETH_AS_SESSION_QOS_5G(3, "EthAsSessionQoS_5G"),
    /** Ordered alternative QoS references ({@code altQoSReferences}) and notification of the one applied. */
    ALTERNATIVE_QOS_5G(5, "AlternativeQoS_5G"),
    QOS_MONITORING_5G(6, "QoSMonitoring_5G"),
    /** Alternative QoS as individual parameters ({@code altQosReqs}); needs {@link #ALTERNATIVE_QOS_5G}. */
    ALT_QOS_WITH_IND_PARAMS_5G(12, "AltQosWithIndParams_5G"),
    GMEC(24, "GMEC");

    private final int number;
    private final String specName;

    NefFeature(int number, String specName) {
        this.number = number;
        this.specName = specName;
    }

    /** Feature number as in the specification, starting at 1 (bit {@code number - 1} of the mask). */
    public int number() {
        return number;
    }

    /** Name as written in the specification, e.g. {@code "AlternativeQoS_5G"}. */
    public String specName() {
        return specName;
    }

    public static Optional<NefFeature> ofNumber(int number) {
        return Arrays.stream(values()).filter(f -> f.number == number).findFirst();
    }

    public static Optional<NefFeature> ofSpecName(String specName) {
        return Arrays.stream(values()).filter(f -> f.specName.equals(specName)).findFirst();
    }
}
