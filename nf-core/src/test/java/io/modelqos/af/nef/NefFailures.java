package io.modelqos.af.nef;

import java.net.URI;

/** NEF failures as the client makes them, for tests outside this package. */
public final class NefFailures {
    private NefFailures() {
    }

    /** A create that got no answer (a refused connection). */
    public static NefUnavailableException noAnswer() {
        return NefUnavailableException.noAnswer(NefOperation.CREATE, URI.create("http://127.0.0.1:1/x"), false,
                new java.net.ConnectException("refused"));
    }

    /** A call that failed for want of an access token. */
    public static NefUnavailableException noToken() {
        return new NefUnavailableException(NefOperation.CREATE, URI.create("http://127.0.0.1:1/x"),
                NefUnavailableException.Reason.NO_TOKEN, 0, null, null, "no token", null);
    }
}
