package io.modelqos.af.engine;

import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.southbound.SessionFailure;

/** The problem a caller is answered when the network failed a call. */
final class Problems {
    private Problems() {
    }

    static AfProblem of(Throwable failure) {
        if (failure instanceof AfProblem p) {
            return p;
        }
        if (failure instanceof SessionFailure f) {
            return switch (f.kind()) {
                case TIMEOUT -> AfProblem.peerTimeout(f.getMessage(), f);
                case UNAVAILABLE, PEER_ERROR -> AfProblem.peerUnavailable(f.getMessage(), f);
                default -> AfProblem.unprocessable("the NEF refused: " + f.getMessage(), null);
            };
        }
        return AfProblem.internal("unexpected failure talking to the NEF", failure);
    }
}
