/**
 * QoS planning for a model download over AsSessionWithQoS (TS 29.122): the operator's QoS references, the
 * standardised GBR 5QIs, the NEF's supported features, and the {@link io.modelqos.af.qos.QosPlanner} that
 * turns model variants and a latency budget into a primary QoS with ordered alternatives. Pure Java, no I/O.
 */
package io.modelqos.af.qos;
