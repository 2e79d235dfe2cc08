/**
 * When to try again: {@link io.modelqos.af.retry.Backoff}, the one exponential backoff (with its presets) behind
 * every retry delay of the AF. Pure arithmetic, no I/O, no Vert.x.
 */
package io.modelqos.af.retry;
