package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelqos.client.internal.Checks;
import java.time.Duration;

/**
 * What the model server measured while sending: bytes sent so far (cumulative), the time since the
 * first byte and, once the whole model was sent, {@code complete = true}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressReport(long bytes, long elapsedMs, Boolean complete) {

    /** The most bytes the contract accepts, 10^12. */
    public static final long MAX_BYTES = 1_000_000_000_000L;
    /** The longest elapsed time the contract accepts, one day. */
    public static final long MAX_ELAPSED_MS = 86_400_000L;

    /**
     * A validated report.
     *
     * @param complete true when the whole model was sent, null to leave it out (the AF reads false)
     */
    public static ProgressReport of(long bytes, Duration elapsed, Boolean complete) {
        Checks.check(bytes >= 0 && bytes <= MAX_BYTES, "bytes must be between 0 and %d, was %d", MAX_BYTES, bytes);
        Checks.check(elapsed != null, "elapsed is required");
        long elapsedMs = elapsed.toMillis();
        Checks.check(elapsedMs >= 0 && elapsedMs <= MAX_ELAPSED_MS,
                "elapsed must be between 0 ms and %d ms, was %s", MAX_ELAPSED_MS, elapsed);
        return new ProgressReport(bytes, elapsedMs, complete);
    }
}
