package io.modelqos.nef.emulator;

/**
 * What happens to a session that the AF may be told about, in the emulator's own terms; each face
 * says which of its wire events a session subscribed to and how each is written
 * ({@link Face}).
 */
enum SessionEvent {
    /** The resources were allocated (T8 SUCCESSFUL_RESOURCES_ALLOCATION, N5 the same AfEvent). */
    ALLOCATED,
    /** The allocation failed; the capacity is released (FAILED_RESOURCES_ALLOCATION). */
    ALLOCATION_FAILED,
    /** The QoS is no longer guaranteed (T8 QOS_NOT_GUARANTEED, N5 QOS_NOTIF NOT_GUARANTEED). */
    QOS_NOT_GUARANTEED,
    /** The QoS is guaranteed again (T8 QOS_GUARANTEED, N5 QOS_NOTIF GUARANTEED). */
    QOS_GUARANTEED,
    /** The usage threshold was reached (USAGE_REPORT). */
    USAGE_REPORT,
    /** A measurement of the delivered rate and delays (QOS_MONITORING). */
    QOS_MONITORING,
    /** The network ended the session (T8 SESSION_TERMINATION, N5 the termination request). */
    TERMINATED
}
