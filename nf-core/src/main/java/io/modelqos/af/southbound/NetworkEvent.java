package io.modelqos.af.southbound;

import io.modelqos.af.delivery.NetworkUsage;

import java.util.List;

/** What the network reports about a delivery's session, in domain terms. */
public sealed interface NetworkEvent {

    /** The resources are allocated, for the planned option {@code appliedRef} (null: the network did not say). */
    record Allocated(String appliedRef) implements NetworkEvent {
    }

    /** The resources could not be allocated for any offered option. */
    record AllocationFailed() implements NetworkEvent {
    }

    /** The QoS is no longer guaranteed; {@code appliedRef} is the option now in force, when the network says. */
    record NotGuaranteed(String appliedRef) implements NetworkEvent {
    }

    /** The QoS is guaranteed again; {@code appliedRef} is the option in force (null: the allocated one). */
    record Guaranteed(String appliedRef) implements NetworkEvent {
    }

    /** The downlink rates the network measured, in bit/s (one report may carry several). */
    record RatesMeasured(List<Long> dlBitsPerSecond) implements NetworkEvent {
        public RatesMeasured {
            dlBitsPerSecond = List.copyOf(dlBitsPerSecond);
        }
    }

    /** The volumes the network counted so far (null when the report carried none). */
    record UsageReported(NetworkUsage usage) implements NetworkEvent {
    }

    /** The network ended the session; {@code usage} is the final usage it reported with the end, or null. */
    record Terminated(NetworkUsage usage) implements NetworkEvent {
        /** An end reported without usage. */
        public Terminated() {
            this(null);
        }
    }

    /** An event the engine does not act on, by its name on the wire. */
    record Other(String name) implements NetworkEvent {
    }
}
