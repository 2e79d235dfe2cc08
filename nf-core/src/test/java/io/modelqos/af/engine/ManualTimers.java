package io.modelqos.af.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Timers that fire when the test moves its clock past them, in order of their due time. */
final class ManualTimers implements Timers {
    private final io.modelqos.testing.MutableClock clock;
    private final Map<Long, Due> pending = new LinkedHashMap<>();
    private long next;

    ManualTimers(io.modelqos.testing.MutableClock clock) {
        this.clock = clock;
    }

    private record Due(long id, Instant at, Runnable task) {
    }

    @Override
    public long schedule(long delayMs, Runnable task) {
        long id = ++next;
        pending.put(id, new Due(id, clock.instant().plusMillis(Math.max(1, delayMs)), task));
        return id;
    }

    @Override
    public void cancel(long timerId) {
        pending.remove(timerId);
    }

    /** Moves the clock by {@code by}, running every timer that falls due on the way (including ones they set). */
    void advance(Duration by) {
        Instant end = clock.instant().plus(by);
        while (true) {
            Due due = pending.values().stream().filter(d -> !d.at().isAfter(end))
                    .min(Comparator.comparing(Due::at).thenComparing(Due::id)).orElse(null);
            if (due == null) {
                break;
            }
            pending.remove(due.id());
            if (due.at().isAfter(clock.instant())) {
                clock.set(due.at());
            }
            due.task().run();
        }
        clock.set(end);
    }

    int pendingCount() {
        return pending.size();
    }

    List<Instant> dueTimes() {
        return new ArrayList<>(pending.values().stream().map(Due::at).toList());
    }
}
