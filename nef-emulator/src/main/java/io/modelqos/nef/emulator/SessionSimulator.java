package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.UsageThreshold;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives what happens to a live session over time and tells the AF about it, only for the events
 * the session asked for ({@link SessionTerms}); the session's {@link Face} writes each report in
 * its wire format:
 * <ul>
 *   <li>{@link SessionEvent#ALLOCATED} (naming the QoS option applied) or, by fault plan,
 *       {@link SessionEvent#ALLOCATION_FAILED}, {@code allocationDelayMs} after admission;</li>
 *   <li>{@link SessionEvent#QOS_MONITORING} every period asked for (else the configured default) while monitoring
 *       is asked for with periodic reporting; the first report comes at a random point of the first period, as a
 *       network's reports of sessions started together do not come in step, so that N sessions at period P cost
 *       N / P reports a second from the start;</li>
 *   <li>{@link SessionEvent#USAGE_REPORT} once the simulated volume (delivered rate x time since the
 *       session started) or duration reaches the usage threshold;</li>
 *   <li>{@link SessionEvent#QOS_NOT_GUARANTEED} then {@link SessionEvent#QOS_GUARANTEED} around a
 *       degradation episode of the fault plan;</li>
 *   <li>{@link SessionEvent#TERMINATED} when the session's duration has run out (via the expiry
 *       callback).</li>
 * </ul>
 * Runs on the emulator's event loop.
 */
final class SessionSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSimulator.class);

    private final Vertx vertx;
    private final NotificationOptions options;
    private final Notifier notifier;
    private final FaultInjector faults;
    private final CapacityModel capacity;
    private final Consumer<Session> onExpiry;

    SessionSimulator(Vertx vertx, NotificationOptions options, Notifier notifier, FaultInjector faults,
                     CapacityModel capacity, Consumer<Session> onExpiry) {
        this.vertx = vertx;
        this.options = options;
        this.notifier = notifier;
        this.faults = faults;
        this.capacity = capacity;
        this.onExpiry = onExpiry;
    }

    /** A session was just admitted (201 sent or about to be). */
    void started(Session sub) {
        updateRate(sub);
        announceAllocation(sub);
        armExpiry(sub);
        armMonitoring(sub);
        armUsage(sub);
        FaultOptions.QosDegradation episode = faults.degradationForNewSession();
        if (episode != null) {
            sub.episodeStartTimer = vertx.setTimer(Math.max(1, episode.startAfterMs()),
                    t -> startEpisode(sub, episode));
        }
    }

    /**
     * The subscription was replaced or modified: re-arm the timers from its new content; announce
     * the allocation again when the applied QoS changed.
     */
    void changed(Session sub, boolean qosChanged, boolean usageThresholdChanged) {
        if (qosChanged) {
            sub.allocationFailed(false);
            updateRate(sub);
            announceAllocation(sub);
        }
        if (usageThresholdChanged) {
            sub.usageReported = false;
        }
        armExpiry(sub);
        armMonitoring(sub);
        armUsage(sub);
    }

    /** The session ended (deleted or expired): no more timers. */
    void stopped(Session sub) {
        sub.ended();
        sub.usage.setRate(System.nanoTime(), 0, 0);
        cancel(sub.allocationTimer);
        cancel(sub.expiryTimer);
        stopMonitoring(sub);
        cancel(sub.usageTimer);
        cancel(sub.episodeStartTimer);
        cancel(sub.episodeEndTimer);
    }

    /** Tells the AF the network ended the session, with the final usage, if it asked for it. */
    void terminated(Session sub) {
        if (sub.wants(SessionEvent.TERMINATED)) {
            report(sub, new SessionReport(SessionEvent.TERMINATED, null, false,
                    sub.usage.accumulatedUsage(System.nanoTime()), null));
        }
    }

    /** The rate the session delivers now: granted, degraded, or nothing. */
    static long deliveredDlBps(Session sub) {
        AdmissionControl.Candidate granted = sub.granted();
        if (!sub.live() || granted == null || sub.allocationFailed()) {
            return 0;
        }
        if (sub.degraded()) {
            AdmissionControl.Candidate to = sub.degradedTo();
            return to != null ? to.gbrDl().wholeBitsPerSecond()
                    : Math.round(granted.gbrDl().wholeBitsPerSecond() * sub.degradedRateFactor());
        }
        return granted.gbrDl().wholeBitsPerSecond();
    }

    private void announceAllocation(Session sub) {
        cancel(sub.allocationTimer);
        sub.allocationTimer = vertx.setTimer(Math.max(1, options.getAllocationDelayMs()), t -> {
            sub.allocationTimer = -1;
            if (!sub.live() || sub.granted() == null) {
                return;
            }
            if (faults.failAllocation()) {
                LOG.info("fault: resource allocation of {} failed; releasing its capacity", sub.id);
                sub.allocationFailed(true);
                capacity.release(sub.id);
                updateRate(sub);
                stopMonitoring(sub);
                if (sub.wants(SessionEvent.ALLOCATION_FAILED)) {
                    report(sub, SessionReport.of(SessionEvent.ALLOCATION_FAILED));
                }
                return;
            }
            if (sub.wants(SessionEvent.ALLOCATED)) {
                report(sub, new SessionReport(SessionEvent.ALLOCATED, sub.granted().reference(), sub.granted().primary(),
                        null, null));
            }
        });
    }

    private void armExpiry(Session sub) {
        cancel(sub.expiryTimer);
        sub.expiryTimer = -1;
        Integer seconds = sub.terms().durationSeconds();
        if (seconds == null) {
            return;
        }
        long dueNanos = sub.createdNanos + seconds * 1_000_000_000L;
        long delayMs = Math.max(1, (dueNanos - System.nanoTime()) / 1_000_000);
        sub.expiryTimer = vertx.setTimer(delayMs, t -> {
            sub.expiryTimer = -1;
            if (sub.live()) {
                LOG.info("session {} ended after its duration of {} s", sub.id, seconds);
                onExpiry.accept(sub);
            }
        });
    }

    private void armMonitoring(Session sub) {
        stopMonitoring(sub);
        if (!monitored(sub) || !sub.terms().monitoring().periodic()) {
            return;
        }
        Long asked = sub.terms().monitoring().periodMs();
        long period = asked != null && asked > 0 ? asked : options.getMonitoringPeriodMs();
        sub.monitoringPeriodMs = period;
        long first = 1 + (long) (sub.random.nextDouble() * (period - 1));
        sub.monitoringTimer = vertx.setTimer(first, t -> {
            sub.monitoringTimer = vertx.setPeriodic(period, p -> reportRate(sub));
            reportRate(sub);
        });
    }

    private void reportRate(Session sub) {
        if (sub.live() && !sub.allocationFailed()) {
            sendMonitoring(sub);
        }
    }

    private void stopMonitoring(Session sub) {
        cancel(sub.monitoringTimer);
        sub.monitoringTimer = -1;
        sub.monitoringPeriodMs = 0;
    }

    private static boolean monitored(Session sub) {
        return sub.terms().monitoring() != null && sub.wants(SessionEvent.QOS_MONITORING);
    }

    private void sendMonitoring(Session sub) {
        AdmissionControl.Candidate granted = sub.granted();
        SessionTerms.Monitoring monitoring = sub.terms().monitoring();
        long rate = sub.usage.dlBps();
        double noise = options.getRateNoise() == 0 ? 0 : (sub.random.nextDouble() * 2 - 1) * options.getRateNoise();
        long measured = Math.max(0, Math.round(rate * (1 + noise)) / 1000 * 1000);
        long grantedDl = granted.gbrDl().wholeBitsPerSecond();
        long grantedUl = granted.gbrUl().wholeBitsPerSecond();
        Long ul = null;
        if (grantedUl > 0) {
            double share = grantedDl == 0 ? 0 : (double) rate / grantedDl;
            ul = Math.round(grantedUl * share) / 1000 * 1000;
        }
        Integer dlDelay = null;
        Integer ulDelay = null;
        Integer rtDelay = null;
        if (!monitoring.delays().isEmpty()) {
            int pdb = (sub.degraded() && sub.degradedTo() != null ? sub.degradedTo() : granted).pdbMs();
            int base = sub.degraded() ? pdb + pdb / 5 : Math.max(1, pdb / 4);
            int delay = Math.max(1, (int) Math.round(base * (1 + (sub.random.nextDouble() * 2 - 1) * 0.2)));
            dlDelay = monitoring.delays().contains(RequestedQosMonitoringParameter.DOWNLINK) ? delay : null;
            ulDelay = monitoring.delays().contains(RequestedQosMonitoringParameter.UPLINK) ? delay : null;
            rtDelay = monitoring.delays().contains(RequestedQosMonitoringParameter.ROUND_TRIP) ? 2 * delay : null;
        }
        report(sub, new SessionReport(SessionEvent.QOS_MONITORING, null, false, null,
                new SessionReport.Measurement(measured, ul, dlDelay, ulDelay, rtDelay)));
    }

    private void armUsage(Session sub) {
        cancel(sub.usageTimer);
        sub.usageTimer = -1;
        UsageThreshold threshold = sub.terms().usageThreshold();
        if (threshold == null || sub.usageReported || !sub.wants(SessionEvent.USAGE_REPORT) || !sub.live()) {
            return;
        }
        long now = System.nanoTime();
        long wait = Long.MAX_VALUE;
        if (threshold.getDuration() != null) {
            wait = Math.min(wait, Math.max(0, (sub.createdNanos + threshold.getDuration() * 1_000_000_000L - now) / 1_000_000));
        }
        if (threshold.getDownlinkVolume() != null) {
            wait = Math.min(wait, sub.usage.millisUntilDownlink(threshold.getDownlinkVolume(), now));
        }
        if (threshold.getUplinkVolume() != null) {
            wait = Math.min(wait, sub.usage.millisUntilUplink(threshold.getUplinkVolume(), now));
        }
        if (threshold.getTotalVolume() != null) {
            wait = Math.min(wait, sub.usage.millisUntilTotal(threshold.getTotalVolume(), now));
        }
        if (wait == Long.MAX_VALUE) {
            return;
        }
        sub.usageTimer = vertx.setTimer(Math.max(1, wait), t -> {
            sub.usageTimer = -1;
            if (!sub.live() || sub.usageReported) {
                return;
            }
            if (reached(sub, threshold, System.nanoTime())) {
                sub.usageReported = true;
                report(sub, new SessionReport(SessionEvent.USAGE_REPORT, null, false,
                        sub.usage.accumulatedUsage(System.nanoTime()), null));
            } else {
                armUsage(sub);
            }
        });
    }

    private static boolean reached(Session sub, UsageThreshold threshold, long now) {
        long dl = sub.usage.downlinkBytes(now);
        long ul = sub.usage.uplinkBytes(now);
        long slackBytes = sub.usage.dlBps() / 8 / 1000; // one millisecond of traffic: timer rounding
        return threshold.getDuration() != null && now - sub.createdNanos >= threshold.getDuration() * 1_000_000_000L - 1_000_000L
                || threshold.getDownlinkVolume() != null && dl + slackBytes >= threshold.getDownlinkVolume()
                || threshold.getUplinkVolume() != null && ul + slackBytes >= threshold.getUplinkVolume()
                || threshold.getTotalVolume() != null && dl + ul + slackBytes >= threshold.getTotalVolume();
    }

    private void startEpisode(Session sub, FaultOptions.QosDegradation episode) {
        sub.episodeStartTimer = -1;
        if (!sub.live() || sub.allocationFailed() || sub.granted() == null) {
            return;
        }
        AdmissionControl.Candidate to = lowerAlternative(sub);
        sub.degraded(true, to, episode.rateFactor());
        updateRate(sub);
        LOG.info("fault: QoS of {} not guaranteed for {} ms{}", sub.id, episode.durationMs(),
                to == null ? "" : " (alternative " + to.reference() + " applies)");
        if (sub.wants(SessionEvent.QOS_NOT_GUARANTEED)) {
            report(sub, new SessionReport(SessionEvent.QOS_NOT_GUARANTEED, to == null ? null : to.reference(), false,
                    null, null));
        }
        if (monitored(sub) && !sub.terms().monitoring().periodic()) {
            sendMonitoring(sub);
        }
        armUsage(sub);
        sub.episodeEndTimer = vertx.setTimer(episode.durationMs(), t -> endEpisode(sub));
    }

    private void endEpisode(Session sub) {
        sub.episodeEndTimer = -1;
        if (!sub.live()) {
            return;
        }
        sub.degraded(false, null, 1.0);
        updateRate(sub);
        LOG.info("QoS of {} guaranteed again", sub.id);
        if (sub.wants(SessionEvent.QOS_GUARANTEED)) {
            report(sub, SessionReport.of(SessionEvent.QOS_GUARANTEED));
        }
        if (monitored(sub) && !sub.terms().monitoring().periodic()) {
            sendMonitoring(sub);
        }
        armUsage(sub);
    }

    /** The next alternative after the granted one with a lower downlink rate, if any. */
    private static AdmissionControl.Candidate lowerAlternative(Session sub) {
        List<AdmissionControl.Candidate> candidates = sub.candidates();
        int index = candidates.indexOf(sub.granted());
        for (int i = index + 1; i < candidates.size(); i++) {
            if (candidates.get(i).gbrDl().compareTo(sub.granted().gbrDl()) < 0) {
                return candidates.get(i);
            }
        }
        return null;
    }

    private static void updateRate(Session sub) {
        long dl = deliveredDlBps(sub);
        AdmissionControl.Candidate granted = sub.granted();
        long grantedDl = granted == null ? 0 : granted.gbrDl().wholeBitsPerSecond();
        long ul = grantedDl == 0 ? 0 : Math.round(granted.gbrUl().wholeBitsPerSecond() * ((double) dl / grantedDl));
        sub.usage.setRate(System.nanoTime(), dl, ul);
    }

    private void report(Session sub, SessionReport report) {
        Face.Outgoing outgoing = sub.face.notification(sub, report);
        if (outgoing != null) {
            notifier.send(sub, outgoing);
        }
    }

    private void cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
