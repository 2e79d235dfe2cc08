package io.modelqos.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes log lines to the standard error from a thread of its own, a batch at a time. Logback's AsyncAppender wakes its
 * thread for every line, and the console appender makes a system call for every line: at the thousands of lines a
 * second a busy AF writes (a few per delivery), that cost 16 µs a line, a tenth of the AF's CPU. Here the logging
 * threads only queue the event; the writer wakes every {@link #setPeriodMs period} (or at once when the queue is
 * full), encodes what is queued and writes it with one system call. A line thus shows at most a period late.
 *
 * <p>Nothing is dropped: a logging thread that finds the queue full waits for room, as the AsyncAppender was configured
 * to. {@link #stop} (Logback's shutdown hook, at exit) writes what is still queued.
 */
public final class BatchedStderrAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private long periodMs = 20;
    /** Null: the standard error as {@code System.err} is at the start (a batch goes to it in one write). */
    private OutputStream out;

    private BlockingQueue<ILoggingEvent> queue;
    private Thread writer;
    private volatile boolean running;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** How long the writer sleeps when it found nothing to write, in milliseconds. */
    public void setPeriodMs(long periodMs) {
        this.periodMs = periodMs;
    }

    /** Tests: where the lines go instead of the standard error. */
    void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for the appender named [" + name + "]");
            return;
        }
        if (queueSize < 1 || periodMs < 1) {
            addError("queueSize and periodMs must be positive: " + queueSize + ", " + periodMs);
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        OutputStream buffered = new BufferedOutputStream(out != null ? out : System.err, 64 * 1024);
        running = true;
        writer = new Thread(() -> writeUntilStopped(buffered), "log-writer-" + name);
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // What the event refers to (its message's arguments, the MDC) must be fixed now: it is written later.
        event.prepareForDeferredProcessing();
        if (queue.offer(event)) {
            return;
        }
        LockSupport.unpark(writer);
        try {
            while (!queue.offer(event, periodMs, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    return; // stopped meanwhile: nothing will take it
                }
                LockSupport.unpark(writer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilStopped(OutputStream stream) {
        List<ILoggingEvent> batch = new ArrayList<>();
        while (running) {
            if (queue.drainTo(batch) == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(periodMs));
                continue;
            }
            write(batch, stream);
        }
        queue.drainTo(batch); // what came before the stop
        write(batch, stream);
    }

    private void write(List<ILoggingEvent> batch, OutputStream stream) {
        try {
            for (ILoggingEvent event : batch) {
                stream.write(encoder.encode(event));
            }
            stream.flush();
        } catch (IOException | RuntimeException e) {
            addError("cannot write " + batch.size() + " log lines", e);
        }
        batch.clear();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
