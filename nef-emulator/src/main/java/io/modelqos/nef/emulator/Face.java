package io.modelqos.nef.emulator;

/**
 * One API the emulator serves on top of the same sessions (T8 AsSessionWithQoS, N5
 * Npcf_PolicyAuthorization): how it writes what happens to a session, and how a session the
 * network ends goes away.
 */
interface Face {

    /** A short name (T8, N5) for logs and the registry. */
    String name();

    /** The request that tells the AF about {@code report}; null when this face sends nothing for it. */
    Outgoing notification(Session session, SessionReport report);

    /**
     * Whether a session the network ended stays (read-only) until the AF deletes it, as on N5
     * where the PCF asks the AF to delete it; on T8 the NEF removes it itself.
     */
    boolean keepsEndedSessions();

    /**
     * A notification ready to send.
     *
     * @param uri        where it goes
     * @param body       the JSON body (a generated model or a JSON tree)
     * @param what       a short text for logs (the event names)
     * @param monitoring whether it is only a QoS monitoring report (skipped for an AF with a backlog)
     */
    record Outgoing(String uri, Object body, String what, boolean monitoring) {
    }
}
