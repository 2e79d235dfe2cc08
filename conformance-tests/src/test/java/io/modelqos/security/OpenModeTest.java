package io.modelqos.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies that without credentials configured the API stays open, every caller being tenant "default", and says so. */
class OpenModeTest {

    @Test
    void noCredentialsMeansOpenWithALoudWarning() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (SecureAf env = SecureAf.start(SecureAf.emulatorOptions(), Map.of())) {
            assertTrue(logs.list.stream().anyMatch(e -> e.getLevel().toString().equals("WARN")
                            && e.getFormattedMessage().contains("northbound API is OPEN")),
                    "a warning names the open API");
            assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("plain HTTP")),
                    "and the plain listener");
            var created = env.call("POST", "deliveries", null, SecureAf.validBody("10.45.3.1").encode());
            assertEquals(201, created.statusCode(), created.body());
            assertEquals(200, env.call("GET", "deliveries", "anything-at-all", null).statusCode(), "any token is ignored");
            assertTrue(env.call("GET", "deliveries", null, null).body().contains(
                    new io.vertx.core.json.JsonObject(created.body()).getString("deliveryId")), "one tenant: default");
        } finally {
            root.detachAppender(logs);
        }
    }
}
