package io.modelqos.af.events;

import io.modelqos.af.retry.Backoff;

/**
 * How events are pushed to the AI/ML server's {@code notificationUri}.
 *
 * @param timeoutMs        the timeout of one POST
 * @param maxAttempts      attempts per event before it is reported as undeliverable
 * @param initialBackoffMs the first retry delay; doubled per attempt, with jitter ({@link Backoff#WEBHOOK})
 * @param maxBackoffMs     the cap on one retry delay
 */
public record WebhookOptions(Long timeoutMs, Integer maxAttempts, Long initialBackoffMs, Long maxBackoffMs) {
    /** A 2 s timeout, 8 attempts, and the bounds of {@link Backoff#WEBHOOK} (200 ms up to 30 s). */
    public static final WebhookOptions DEFAULTS = new WebhookOptions(2_000L, 8, Backoff.WEBHOOK.initial().toMillis(),
            Backoff.WEBHOOK.max().toMillis());

    public WebhookOptions withDefaults() {
        return new WebhookOptions(
                timeoutMs == null ? DEFAULTS.timeoutMs : timeoutMs,
                maxAttempts == null ? DEFAULTS.maxAttempts : maxAttempts,
                initialBackoffMs == null ? DEFAULTS.initialBackoffMs : initialBackoffMs,
                maxBackoffMs == null ? DEFAULTS.maxBackoffMs : maxBackoffMs);
    }
}
