/**
 * Transfer sizing: how fast a model of a given size must travel to arrive within a latency budget, as a
 * 3GPP {@link io.modelqos.qos.BitRate} (module qos-types). Pure arithmetic, no I/O.
 */
package io.modelqos.af.sizing;
