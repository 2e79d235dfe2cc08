/**
 * QoS planning for a model download over AsSessionWithQoS (TS 29.122): the catalogue of the operator's QoS
 * references, the standardised GBR 5QIs, and the {@link io.modelqos.af.qos.QosPlanner} that turns model variants
 * and a latency budget into a primary QoS with ordered alternatives. The value types it works with (BitRate,
 * PacketErrRate, SupportedFeatures, QosReference) are in {@code io.modelqos.qos} (module qos-types). Pure Java, no I/O.
 */
package io.modelqos.af.qos;
