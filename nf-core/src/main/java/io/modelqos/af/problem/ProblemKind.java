package io.modelqos.af.problem;

/**
 * What went wrong, in terms a caller can act on. The HTTP layer maps each kind to a status code;
 * the domain never speaks HTTP.
 */
public enum ProblemKind {
    /** The request is malformed or violates a rule; names the offending fields. */
    INVALID_INPUT,
    /** No such resource, or not the caller's. */
    NOT_FOUND,
    /** The caller sent no credentials, or credentials that are not valid (expired, forged, unknown). */
    UNAUTHENTICATED,
    /** The caller is known but its credentials do not allow the operation (a missing scope). */
    FORBIDDEN,
    /** The request conflicts with the resource's state or an earlier use of an idempotency key. */
    CONFLICT,
    /** Understood but nothing the caller allowed can be granted; carries the best offer. */
    UNPROCESSABLE,
    /** The caller sent too much or too often. */
    RATE_LIMITED,
    /** A peer (the NEF) could not be reached or refused to serve. */
    PEER_UNAVAILABLE,
    /** A peer (the NEF) did not answer in time. */
    PEER_TIMEOUT,
    /** The AF is shutting down or not ready. */
    SERVICE_UNAVAILABLE,
    /** A defect in the AF itself. */
    INTERNAL
}
