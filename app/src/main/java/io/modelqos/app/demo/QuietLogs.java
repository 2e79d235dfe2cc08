package io.modelqos.app.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the project's log level to ERROR for the demo's run, so the AF's and the emulator's lines do not drown
 * the table: a few INFO lines per delivery, a WARN for every 403 the NEF answers (11 of the 21 scenarios are
 * meant to be refused) and the start-up warnings about an open, plain-HTTP northbound API (the demo's AF listens
 * on 127.0.0.1 only). The demo checks every scenario itself. Left alone when the user chose a level with
 * {@code MODELQOS_LOG_LEVEL}.
 */
public final class QuietLogs implements AutoCloseable {

    private final Logger logger;
    private final Level previous;

    private QuietLogs(Logger logger, Level previous) {
        this.logger = logger;
        this.previous = previous;
    }

    public static QuietLogs unlessConfigured() {
        if (System.getenv("MODELQOS_LOG_LEVEL") != null
                || !(LoggerFactory.getLogger("io.modelqos") instanceof Logger logback)) {
            return new QuietLogs(null, null);
        }
        Level previous = logback.getLevel();
        logback.setLevel(Level.ERROR);
        return new QuietLogs(logback, previous);
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.setLevel(previous);
        }
    }
}
