/**
 * The 3GPP value types the AF and the NEF emulator share: {@link io.modelqos.qos.BitRate} (TS 29.571 BitRate),
 * {@link io.modelqos.qos.PacketErrorRate} (PacketErrRate), {@link io.modelqos.qos.SupportedFeatures} with the
 * AsSessionWithQoS {@link io.modelqos.qos.NefFeature}s, and an operator's {@link io.modelqos.qos.QosReference}.
 * Immutable values, plain Java, no I/O; their JSON form is their 3GPP text form.
 */
package io.modelqos.qos;
