package io.modelqos.af.nef;

/**
 * No usable answer came from the NEF: the connection failed or was reset, the call timed out, or the retry
 * budget for 429/503 answers ran out. When this fails a create, the client has made sure no subscription
 * was left at the NEF, or says so in {@link #outcomeUnknown()}.
 */
public class NefUnavailableException extends RuntimeException {
    private final String operation;
    private final boolean timedOut;
    private final boolean outcomeUnknown;

    public NefUnavailableException(String operation, boolean timedOut, boolean outcomeUnknown, String message, Throwable cause) {
        super(operation + ": " + message, cause);
        this.operation = operation;
        this.timedOut = timedOut;
        this.outcomeUnknown = outcomeUnknown;
    }

    public String operation() {
        return operation;
    }

    /** True when the NEF did not answer in time (as opposed to refusing or dropping the connection). */
    public boolean timedOut() {
        return timedOut;
    }

    /**
     * True when a create's outcome could not be established (the NEF could not even be asked); the AF's
     * reconciliation must then look for an orphan subscription.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
