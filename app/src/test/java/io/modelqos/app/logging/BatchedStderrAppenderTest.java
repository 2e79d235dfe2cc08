package io.modelqos.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchedStderrAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final SyncedBytes out = new SyncedBytes();
    private BatchedStderrAppender appender;

    @AfterEach
    void stop() {
        context.stop();
    }

    private Logger logger(int queueSize, long periodMs) {
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one MDC.put writes to
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%X{deliveryId:-} %msg%n");
        encoder.start();
        appender = new BatchedStderrAppender();
        appender.setContext(context);
        appender.setName("test");
        appender.setEncoder(encoder);
        appender.setQueueSize(queueSize);
        appender.setPeriodMs(periodMs);
        appender.setOutputStream(out);
        appender.start();
        Logger logger = context.getLogger("test");
        logger.addAppender(appender);
        logger.setAdditive(false);
        return logger;
    }

    @Test
    void everyLineFromSeveralThreadsIsWrittenOnceInEachThreadsOrderThoughTheQueueFillsUp() throws Exception {
        Logger log = logger(16, 5);
        int threads = 4;
        int lines = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < lines; i++) {
                    log.info("t{} line {}", thread, i);
                }
            });
            th.start();
            started.add(th);
        }
        go.countDown();
        for (Thread th : started) {
            th.join();
        }
        appender.stop();

        String[] written = out.text().split("\n");
        assertEquals(threads * lines, written.length);
        int[] next = new int[threads];
        for (String line : written) {
            String[] parts = line.trim().split(" ");
            int thread = Integer.parseInt(parts[0].substring(1));
            assertEquals(next[thread]++, Integer.parseInt(parts[2]), "out of order: " + line);
        }
    }

    @Test
    void aLineIsWrittenWithoutAStopAndCarriesTheMdcOfTheMomentItWasLogged() throws Exception {
        Logger log = logger(8192, 20);
        MDC.put("deliveryId", "d-1");
        try {
            log.info("granted");
            MDC.put("deliveryId", "d-2");
        } finally {
            MDC.remove("deliveryId");
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.text().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("d-1 granted\n", out.text());
        assertTrue(appender.isStarted());
    }

    @Test
    void aStopWritesWhatIsStillQueued() {
        Logger log = logger(8192, 60_000);
        for (int i = 0; i < 100; i++) {
            log.info("line {}", i);
        }
        appender.stop();

        assertEquals(100, out.text().split("\n").length);
        assertFalse(appender.isStarted());
        log.info("after the stop");
        assertFalse(out.text().contains("after the stop"));
    }

    @Test
    void withoutAnEncoderItDoesNotStart() {
        BatchedStderrAppender bare = new BatchedStderrAppender();
        bare.setContext(context);
        bare.start();
        assertFalse(bare.isStarted());
    }

    private static final class SyncedBytes extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
