package io.modelqos.af.nef;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * No usable answer came from the NEF: the call timed out, the connection failed, the NEF stayed overloaded
 * (429/503) for the whole retry budget, or no access token could be obtained. {@link #reason()} says which.
 */
public final class NefUnavailableException extends NefException {

    /** Why no usable answer came. */
    public enum Reason {
        /** No answer within the configured timeout. */
        TIMEOUT,
        /** The connection was refused, reset or closed before an answer came. */
        CONNECTION,
        /** The NEF kept answering 429 or 503 until the retry budget ran out; {@link #status()} is the last one. */
        RETRIES_EXHAUSTED,
        /** The OAuth2 token endpoint gave no access token; the NEF was not called. */
        NO_TOKEN,
        /**
         * A create got no answer, and finding out from the NEF whether it made the subscription failed too. The
         * NEF may hold a subscription for {@link #notificationDestination()}: look it up before creating again.
         */
        CREATE_OUTCOME_UNKNOWN
    }

    private final Reason reason;
    private final int status;
    private final Duration retryAfter;
    private final String notificationDestination;

    NefUnavailableException(NefOperation operation, URI uri, Reason reason, int status, Duration retryAfter,
                            String notificationDestination, String message, Throwable cause) {
        super(operation, uri, message, cause);
        this.reason = reason;
        this.status = status;
        this.retryAfter = retryAfter;
        this.notificationDestination = notificationDestination;
    }

    static NefUnavailableException noAnswer(NefOperation operation, URI uri, boolean timeout, Throwable cause) {
        Reason reason = timeout ? Reason.TIMEOUT : Reason.CONNECTION;
        String what = timeout ? "no answer in time"
                : cause instanceof java.net.ConnectException ? "connection refused (" + cause.getMessage() + ")"
                : "connection failed (" + cause.getClass().getSimpleName() + ")";
        return new NefUnavailableException(operation, uri, reason, 0, null, null,
                "NEF " + operation.label() + ": " + what, cause);
    }

    public Reason reason() {
        return reason;
    }

    /** True when the call failed because no answer came within the timeout. */
    public boolean timedOut() {
        return reason == Reason.TIMEOUT;
    }

    /**
     * True when the NEF may or may not have done what was asked: a timeout or dropped connection of a read,
     * list, replace, modify or delete, or {@link Reason#CREATE_OUTCOME_UNKNOWN}. A create that fails with
     * {@link Reason#TIMEOUT} or {@link Reason#CONNECTION} has been checked: the NEF holds no subscription for it.
     */
    public boolean outcomeUnknown() {
        return reason == Reason.CREATE_OUTCOME_UNKNOWN
                || (operation() != NefOperation.CREATE && (reason == Reason.TIMEOUT || reason == Reason.CONNECTION));
    }

    /** The last HTTP status (429 or 503 for {@link Reason#RETRIES_EXHAUSTED}), 0 when no answer came. */
    @Override
    public int status() {
        return status;
    }

    /** The NEF's last {@code Retry-After}, when it gave one: the earliest time worth trying again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** For {@link Reason#CREATE_OUTCOME_UNKNOWN}: the notification destination of the create in doubt. */
    public Optional<String> notificationDestination() {
        return Optional.ofNullable(notificationDestination);
    }
}
