package io.modelqos.af.southbound;

/**
 * Why the network did not do what a {@link QosSessions} call asked, in domain terms.
 */
public final class SessionFailure extends RuntimeException {

    public enum Kind {
        /** The network refused and said which downlink rate it would accept ({@link #offeredRateDl()}). */
        COUNTER_OFFER,
        /** The network refused. */
        REJECTED,
        /** The network answered with a server error or asked to back off. */
        PEER_ERROR,
        /** The network could not be reached, or no usable answer came. */
        UNAVAILABLE,
        /** The network did not answer in time. */
        TIMEOUT,
        /** The network does not hold the session. */
        GONE
    }

    private final Kind kind;
    private final String cause;
    private final String offeredRateDl;

    /**
     * @param cause         the network's cause (e.g. a TS 29.122 cause, or "HTTP_403"), or null
     * @param offeredRateDl the rate offered with a {@link Kind#COUNTER_OFFER} (3GPP BitRate text), else null
     */
    public SessionFailure(Kind kind, String message, String cause, String offeredRateDl, Throwable source) {
        super(message, source);
        this.kind = kind;
        this.cause = cause;
        this.offeredRateDl = offeredRateDl;
    }

    public Kind kind() {
        return kind;
    }

    public String cause() {
        return cause;
    }

    public String offeredRateDl() {
        return offeredRateDl;
    }
}
