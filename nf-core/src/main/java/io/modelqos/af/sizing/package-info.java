/**
 * Transfer sizing: how fast a model of a given size must travel to arrive within a latency budget, and the
 * 3GPP {@code BitRate} value type that carries the answer. Pure arithmetic, no I/O.
 */
package io.modelqos.af.sizing;
