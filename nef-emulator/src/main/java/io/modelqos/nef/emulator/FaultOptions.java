package io.modelqos.nef.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What goes wrong on purpose: per-operation latency, error answers and dropped connections, lost
 * notifications, failed resource allocations, QoS degradation episodes and transfers that stop short. Every random choice
 * comes from one RNG seeded with {@link #getSeed()} (or the emulator seed), so a run repeats.
 * This is also the body of {@code PUT /emulator/v1/faults}.
 *
 * <pre>{@code
 * {"latencyMs": {"create": 200},
 *  "errors": {"create": [{"status": 503, "probability": 1.0, "retryAfterSeconds": 2, "maxCount": 1}]},
 *  "dropConnection": {"create": {"afterCommit": 1.0}},
 *  "notificationLossProbability": 0.1,
 *  "qosDegradation": {"probability": 1.0, "startAfterMs": 100, "durationMs": 300},
 *  "downlinkBytesPerSession": 50000000}
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class FaultOptions {

    private Long seed;
    private Map<Operation, Integer> latencyMs = new EnumMap<>(Operation.class);
    private Map<Operation, List<ErrorFault>> errors = new EnumMap<>(Operation.class);
    private Map<Operation, DropFault> dropConnection = new EnumMap<>(Operation.class);
    private double notificationLossProbability;
    private double allocationFailureProbability;
    private QosDegradation qosDegradation = QosDegradation.NONE;
    private Long downlinkBytesPerSession;

    /** No faults at all. */
    public static FaultOptions none() {
        return new FaultOptions();
    }

    /**
     * An error answer instead of the real one.
     *
     * @param status            HTTP status, e.g. 503, 500, 429
     * @param probability       0..1 per request
     * @param retryAfterSeconds adds a {@code Retry-After} header when set
     * @param cause             ProblemDetails cause; a TS 29.500 cause for the status when absent
     * @param maxCount          stop after this many injections (unlimited when absent)
     */
    public record ErrorFault(int status, double probability, Integer retryAfterSeconds, String cause,
                             Integer maxCount) {
        public ErrorFault {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an injected error needs a 4xx/5xx status: " + status);
            }
            checkProbability(probability, "probability");
        }

        /** JSON form; {@code probability} defaults to 1. */
        @JsonCreator
        static ErrorFault of(@JsonProperty("status") Integer status, @JsonProperty("probability") Double probability,
                             @JsonProperty("retryAfterSeconds") Integer retryAfterSeconds,
                             @JsonProperty("cause") String cause, @JsonProperty("maxCount") Integer maxCount) {
            if (status == null) {
                throw new IllegalArgumentException("an injected error needs a status");
            }
            return new ErrorFault(status, probability == null ? 1.0 : probability, retryAfterSeconds, cause, maxCount);
        }

        public static ErrorFault always(int status, Integer retryAfterSeconds) {
            return new ErrorFault(status, 1.0, retryAfterSeconds, null, null);
        }
    }

    /**
     * Closing the TCP connection without an answer.
     *
     * @param beforeCommit probability of closing before anything is done
     * @param afterCommit  probability of closing after the operation took effect (e.g. the
     *                     subscription exists but the AF never sees the 201)
     * @param maxCount     stop after this many drops (unlimited when absent)
     */
    public record DropFault(double beforeCommit, double afterCommit, Integer maxCount) {
        /** JSON form; absent probabilities are 0. */
        @JsonCreator
        static DropFault of(@JsonProperty("beforeCommit") Double beforeCommit,
                            @JsonProperty("afterCommit") Double afterCommit,
                            @JsonProperty("maxCount") Integer maxCount) {
            return new DropFault(beforeCommit == null ? 0 : beforeCommit, afterCommit == null ? 0 : afterCommit, maxCount);
        }

        public DropFault {
            checkProbability(beforeCommit, "beforeCommit");
            checkProbability(afterCommit, "afterCommit");
        }
    }

    /**
     * QOS_NOT_GUARANTEED / QOS_GUARANTEED episodes: each new session gets one episode with
     * {@code probability}, starting {@code startAfterMs} after admission and lasting
     * {@code durationMs}; during it the delivered rate is the next lower alternative QoS of the
     * subscription, or the granted rate times {@code rateFactor} when there is none.
     */
    public record QosDegradation(double probability, long startAfterMs, long durationMs, double rateFactor) {
        public static final QosDegradation NONE = new QosDegradation(0, 500, 1000, 0.5);

        /** JSON form; absent members take the values of {@link #NONE} except the probability (1). */
        @JsonCreator
        static QosDegradation of(@JsonProperty("probability") Double probability,
                                 @JsonProperty("startAfterMs") Long startAfterMs,
                                 @JsonProperty("durationMs") Long durationMs,
                                 @JsonProperty("rateFactor") Double rateFactor) {
            return new QosDegradation(probability == null ? 1.0 : probability,
                    startAfterMs == null ? NONE.startAfterMs() : startAfterMs,
                    durationMs == null ? NONE.durationMs() : durationMs,
                    rateFactor == null ? NONE.rateFactor() : rateFactor);
        }

        public QosDegradation {
            checkProbability(probability, "qosDegradation.probability");
            if (startAfterMs < 0 || durationMs < 1) {
                throw new IllegalArgumentException("qosDegradation needs startAfterMs >= 0 and durationMs >= 1");
            }
            if (rateFactor < 0 || rateFactor > 1) {
                throw new IllegalArgumentException("qosDegradation.rateFactor must be in 0..1");
            }
        }
    }

    public Long getSeed() {
        return seed;
    }

    /** Re-seeds the fault RNG when these options are applied; keeps the running RNG when null. */
    public FaultOptions setSeed(Long seed) {
        this.seed = seed;
        return this;
    }

    public Map<Operation, Integer> getLatencyMs() {
        return latencyMs;
    }

    public FaultOptions setLatencyMs(Map<Operation, Integer> latencyMs) {
        this.latencyMs = enumMap(latencyMs);
        this.latencyMs.forEach((op, ms) -> {
            if (ms == null || ms < 0) {
                throw new IllegalArgumentException("latencyMs." + op.jsonName() + " must be >= 0");
            }
        });
        return this;
    }

    public FaultOptions latency(Operation op, int ms) {
        Map<Operation, Integer> copy = enumMap(latencyMs);
        copy.put(op, ms);
        return setLatencyMs(copy);
    }

    public Map<Operation, List<ErrorFault>> getErrors() {
        return errors;
    }

    public FaultOptions setErrors(Map<Operation, List<ErrorFault>> errors) {
        this.errors = enumMap(errors);
        return this;
    }

    public FaultOptions error(Operation op, ErrorFault fault) {
        Map<Operation, List<ErrorFault>> copy = enumMap(errors);
        copy.merge(op, List.of(fault), (a, b) -> {
            List<ErrorFault> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        });
        return setErrors(copy);
    }

    public Map<Operation, DropFault> getDropConnection() {
        return dropConnection;
    }

    public FaultOptions setDropConnection(Map<Operation, DropFault> dropConnection) {
        this.dropConnection = enumMap(dropConnection);
        return this;
    }

    public FaultOptions drop(Operation op, DropFault fault) {
        Map<Operation, DropFault> copy = enumMap(dropConnection);
        copy.put(op, fault);
        return setDropConnection(copy);
    }

    public double getNotificationLossProbability() {
        return notificationLossProbability;
    }

    /** Probability that a notification is silently never sent. */
    public FaultOptions setNotificationLossProbability(double p) {
        this.notificationLossProbability = checkProbability(p, "notificationLossProbability");
        return this;
    }

    public double getAllocationFailureProbability() {
        return allocationFailureProbability;
    }

    /**
     * Probability that a session admitted with 201 then fails in the RAN: FAILED_RESOURCES_ALLOCATION
     * instead of SUCCESSFUL_RESOURCES_ALLOCATION, and its capacity is released.
     */
    public FaultOptions setAllocationFailureProbability(double p) {
        this.allocationFailureProbability = checkProbability(p, "allocationFailureProbability");
        return this;
    }

    public QosDegradation getQosDegradation() {
        return qosDegradation;
    }

    public FaultOptions setQosDegradation(QosDegradation qosDegradation) {
        this.qosDegradation = qosDegradation == null ? QosDegradation.NONE : qosDegradation;
        return this;
    }

    public Long getDownlinkBytesPerSession() {
        return downlinkBytesPerSession;
    }

    /**
     * The downlink bytes each session created from now on carries at most: its traffic stops there, as when the
     * model server sent that much and no more, and its usage reports (USAGE_REPORT, SESSION_TERMINATION, the final
     * report of a DELETE) count no more downlink. Null: the delivered rate for the session's whole life.
     */
    public FaultOptions setDownlinkBytesPerSession(Long bytes) {
        if (bytes != null && bytes < 0) {
            throw new IllegalArgumentException("downlinkBytesPerSession must not be negative: " + bytes);
        }
        this.downlinkBytesPerSession = bytes;
        return this;
    }

    private static double checkProbability(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability in 0..1: " + p);
        }
        return p;
    }

    private static <V> Map<Operation, V> enumMap(Map<Operation, V> in) {
        Map<Operation, V> out = new EnumMap<>(Operation.class);
        if (in != null) {
            out.putAll(in);
        }
        return out;
    }
}
