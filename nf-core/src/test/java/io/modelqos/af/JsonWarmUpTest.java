package io.modelqos.af;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.modelqos.af.delivery.DeliveryJson;
import io.modelqos.openapi.T8Json;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonWarmUpTest {

    @Test
    void warmsEveryTypeWithoutAFailure() {
        Logger logger = (Logger) LoggerFactory.getLogger(JsonWarmUp.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            JsonWarmUp.run(T8Json.mapper(), new DeliveryJson(T8Json.mapper()));
        } finally {
            logger.detachAppender(logs);
        }
        assertEquals(0, logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).count(),
                "the warm-up itself failed: " + logs.list);
    }
}
