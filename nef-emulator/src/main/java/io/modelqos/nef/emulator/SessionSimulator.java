package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.PaQosMonitoringReport;
import io.modelqos.openapi.t8.model.QosMonitoringInformation;
import io.modelqos.openapi.t8.model.QosMonitoringReport;
import io.modelqos.openapi.t8.model.ReportingFrequency;
import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.UsageThreshold;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.qos.BitRate;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives what happens to a live session over time and tells the AF about it, only for the events
 * the subscription asked for:
 * <ul>
 *   <li>SUCCESSFUL_RESOURCES_ALLOCATION (with {@code appliedQosRef} when a named QoS was applied) or,
 *       by fault plan, FAILED_RESOURCES_ALLOCATION, {@code allocationDelayMs} after admission;</li>
 *   <li>QOS_MONITORING every {@code repPeriod} (the shortest of {@code qosMonDatRate} and {@code qosMonInfo}, else
 *       the configured default) while either is set with PERIODIC reporting; the first report comes at a random
 *       point of the first period, as a network's reports of sessions started together do not come in step, so that
 *       N sessions at period P cost N / P reports a second from the start;</li>
 *   <li>USAGE_REPORT once the simulated volume (delivered rate x time since the session started)
 *       or duration reaches {@code usageThreshold};</li>
 *   <li>QOS_NOT_GUARANTEED then QOS_GUARANTEED around a degradation episode of the fault plan;</li>
 *   <li>SESSION_TERMINATION when {@code qosDuration} has run out (via the expiry callback).</li>
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
    private final Consumer<Subscription> onExpiry;

    SessionSimulator(Vertx vertx, NotificationOptions options, Notifier notifier, FaultInjector faults,
                     CapacityModel capacity, Consumer<Subscription> onExpiry) {
        this.vertx = vertx;
        this.options = options;
        this.notifier = notifier;
        this.faults = faults;
        this.capacity = capacity;
        this.onExpiry = onExpiry;
    }

    /** A session was just admitted (201 sent or about to be). */
    void started(Subscription sub) {
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
    void changed(Subscription sub, boolean qosChanged, boolean usageThresholdChanged) {
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
    void stopped(Subscription sub) {
        sub.ended();
        sub.usage.setRate(System.nanoTime(), 0, 0);
        cancel(sub.allocationTimer);
        cancel(sub.expiryTimer);
        stopMonitoring(sub);
        cancel(sub.usageTimer);
        cancel(sub.episodeStartTimer);
        cancel(sub.episodeEndTimer);
    }

    /** Sends SESSION_TERMINATION with the final usage if the AF asked for it. */
    void terminated(Subscription sub) {
        if (sub.wants(UserPlaneEvent.SESSION_TERMINATION)) {
            notifier.send(sub, Notifier.notification(sub, new UserPlaneEventReport()
                    .event(UserPlaneEvent.SESSION_TERMINATION)
                    .accumulatedUsage(sub.usage.accumulatedUsage(System.nanoTime()))));
        }
    }

    /** The rate the session delivers now: granted, degraded, or nothing. */
    static long deliveredDlBps(Subscription sub) {
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

    private void announceAllocation(Subscription sub) {
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
                if (sub.wants(UserPlaneEvent.FAILED_RESOURCES_ALLOCATION)) {
                    notifier.send(sub, Notifier.notification(sub,
                            new UserPlaneEventReport().event(UserPlaneEvent.FAILED_RESOURCES_ALLOCATION)));
                }
                return;
            }
            if (sub.wants(UserPlaneEvent.SUCCESSFUL_RESOURCES_ALLOCATION)) {
                notifier.send(sub, Notifier.notification(sub, new UserPlaneEventReport()
                        .event(UserPlaneEvent.SUCCESSFUL_RESOURCES_ALLOCATION)
                        .appliedQosRef(sub.granted().reference())));
            }
        });
    }

    private void armExpiry(Subscription sub) {
        cancel(sub.expiryTimer);
        sub.expiryTimer = -1;
        Integer seconds = sub.typed().getQosDuration();
        if (seconds == null) {
            return;
        }
        long dueNanos = sub.createdNanos + seconds * 1_000_000_000L;
        long delayMs = Math.max(1, (dueNanos - System.nanoTime()) / 1_000_000);
        sub.expiryTimer = vertx.setTimer(delayMs, t -> {
            sub.expiryTimer = -1;
            if (sub.live()) {
                LOG.info("subscription {} expired after qosDuration {} s", sub.id, seconds);
                onExpiry.accept(sub);
            }
        });
    }

    private void armMonitoring(Subscription sub) {
        stopMonitoring(sub);
        AsSessionWithQoSSubscription typed = sub.typed();
        if (!monitored(sub) || !periodic(typed)) {
            return;
        }
        long period = monitoringPeriodMs(typed);
        sub.monitoringPeriodMs = period;
        long first = 1 + (long) (sub.random.nextDouble() * (period - 1));
        sub.monitoringTimer = vertx.setTimer(first, t -> {
            sub.monitoringTimer = vertx.setPeriodic(period, p -> reportRate(sub));
            reportRate(sub);
        });
    }

    private void reportRate(Subscription sub) {
        if (sub.live() && !sub.allocationFailed()) {
            sendMonitoring(sub);
        }
    }

    private void stopMonitoring(Subscription sub) {
        cancel(sub.monitoringTimer);
        sub.monitoringTimer = -1;
        sub.monitoringPeriodMs = 0;
    }

    private boolean monitored(Subscription sub) {
        AsSessionWithQoSSubscription typed = sub.typed();
        return (typed.getQosMonDatRate() != null || typed.getQosMonInfo() != null)
                && sub.wants(UserPlaneEvent.QOS_MONITORING);
    }

    private static boolean periodic(AsSessionWithQoSSubscription typed) {
        return hasFrequency(typed, ReportingFrequency.PERIODIC);
    }

    private static boolean hasFrequency(AsSessionWithQoSSubscription typed, ReportingFrequency frequency) {
        for (QosMonitoringInformation info : monitoringInfos(typed)) {
            if (info.getRepFreqs() != null && info.getRepFreqs().contains(frequency)) {
                return true;
            }
        }
        return false;
    }

    private long monitoringPeriodMs(AsSessionWithQoSSubscription typed) {
        long period = Long.MAX_VALUE;
        for (QosMonitoringInformation info : monitoringInfos(typed)) {
            if (info.getRepPeriod() != null && info.getRepPeriod() > 0) {
                period = Math.min(period, info.getRepPeriod() * 1000L);
            }
        }
        return period == Long.MAX_VALUE ? options.getMonitoringPeriodMs() : period;
    }

    private static List<QosMonitoringInformation> monitoringInfos(AsSessionWithQoSSubscription typed) {
        List<QosMonitoringInformation> infos = new ArrayList<>(2);
        if (typed.getQosMonDatRate() != null) {
            infos.add(typed.getQosMonDatRate());
        }
        if (typed.getQosMonInfo() != null) {
            infos.add(typed.getQosMonInfo());
        }
        return infos;
    }

    private void sendMonitoring(Subscription sub) {
        AdmissionControl.Candidate granted = sub.granted();
        long rate = sub.usage.dlBps();
        double noise = options.getRateNoise() == 0 ? 0 : (sub.random.nextDouble() * 2 - 1) * options.getRateNoise();
        long measured = Math.max(0, Math.round(rate * (1 + noise)) / 1000 * 1000);
        PaQosMonitoringReport rates = new PaQosMonitoringReport()
                .dlDataRate(BitRate.ofBitsPerSecond(measured).toExactString());
        long grantedDl = granted.gbrDl().wholeBitsPerSecond();
        long grantedUl = granted.gbrUl().wholeBitsPerSecond();
        if (grantedUl > 0) {
            double share = grantedDl == 0 ? 0 : (double) rate / grantedDl;
            rates.ulDataRate(BitRate.ofBitsPerSecond(Math.round(grantedUl * share) / 1000 * 1000).toExactString());
        }
        UserPlaneEventReport report = new UserPlaneEventReport().event(UserPlaneEvent.QOS_MONITORING)
                .qosMonDatRateReps(List.of(rates));
        QosMonitoringInformation delays = sub.typed().getQosMonInfo();
        if (delays != null && delays.getReqQosMonParams() != null) {
            QosMonitoringReport delayReport = new QosMonitoringReport();
            int pdb = (sub.degraded() && sub.degradedTo() != null ? sub.degradedTo() : granted).pdbMs();
            int base = sub.degraded() ? pdb + pdb / 5 : Math.max(1, pdb / 4);
            int delay = Math.max(1, (int) Math.round(base * (1 + (sub.random.nextDouble() * 2 - 1) * 0.2)));
            List<RequestedQosMonitoringParameter> params = delays.getReqQosMonParams();
            if (params.contains(RequestedQosMonitoringParameter.DOWNLINK)) {
                delayReport.dlDelays(List.of(delay));
            }
            if (params.contains(RequestedQosMonitoringParameter.UPLINK)) {
                delayReport.ulDelays(List.of(delay));
            }
            if (params.contains(RequestedQosMonitoringParameter.ROUND_TRIP)) {
                delayReport.rtDelays(List.of(2 * delay));
            }
            if (delayReport.getDlDelays() != null || delayReport.getUlDelays() != null || delayReport.getRtDelays() != null) {
                report.qosMonReports(List.of(delayReport));
            }
        }
        notifier.send(sub, Notifier.notification(sub, report));
    }

    private void armUsage(Subscription sub) {
        cancel(sub.usageTimer);
        sub.usageTimer = -1;
        UsageThreshold threshold = sub.typed().getUsageThreshold();
        if (threshold == null || sub.usageReported || !sub.wants(UserPlaneEvent.USAGE_REPORT) || !sub.live()) {
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
                notifier.send(sub, Notifier.notification(sub, new UserPlaneEventReport().event(UserPlaneEvent.USAGE_REPORT)
                        .accumulatedUsage(sub.usage.accumulatedUsage(System.nanoTime()))));
            } else {
                armUsage(sub);
            }
        });
    }

    private static boolean reached(Subscription sub, UsageThreshold threshold, long now) {
        long dl = sub.usage.downlinkBytes(now);
        long ul = sub.usage.uplinkBytes(now);
        long slackBytes = sub.usage.dlBps() / 8 / 1000; // one millisecond of traffic: timer rounding
        return threshold.getDuration() != null && now - sub.createdNanos >= threshold.getDuration() * 1_000_000_000L - 1_000_000L
                || threshold.getDownlinkVolume() != null && dl + slackBytes >= threshold.getDownlinkVolume()
                || threshold.getUplinkVolume() != null && ul + slackBytes >= threshold.getUplinkVolume()
                || threshold.getTotalVolume() != null && dl + ul + slackBytes >= threshold.getTotalVolume();
    }

    private void startEpisode(Subscription sub, FaultOptions.QosDegradation episode) {
        sub.episodeStartTimer = -1;
        if (!sub.live() || sub.allocationFailed() || sub.granted() == null) {
            return;
        }
        AdmissionControl.Candidate to = lowerAlternative(sub);
        sub.degraded(true, to, episode.rateFactor());
        updateRate(sub);
        LOG.info("fault: QoS of {} not guaranteed for {} ms{}", sub.id, episode.durationMs(),
                to == null ? "" : " (alternative " + to.reference() + " applies)");
        if (sub.wants(UserPlaneEvent.QOS_NOT_GUARANTEED)) {
            notifier.send(sub, Notifier.notification(sub, new UserPlaneEventReport()
                    .event(UserPlaneEvent.QOS_NOT_GUARANTEED)
                    .appliedQosRef(to == null ? null : to.reference())));
        }
        if (monitored(sub) && !periodic(sub.typed())) {
            sendMonitoring(sub);
        }
        armUsage(sub);
        sub.episodeEndTimer = vertx.setTimer(episode.durationMs(), t -> endEpisode(sub));
    }

    private void endEpisode(Subscription sub) {
        sub.episodeEndTimer = -1;
        if (!sub.live()) {
            return;
        }
        sub.degraded(false, null, 1.0);
        updateRate(sub);
        LOG.info("QoS of {} guaranteed again", sub.id);
        if (sub.wants(UserPlaneEvent.QOS_GUARANTEED)) {
            notifier.send(sub, Notifier.notification(sub, new UserPlaneEventReport().event(UserPlaneEvent.QOS_GUARANTEED)));
        }
        if (monitored(sub) && !periodic(sub.typed())) {
            sendMonitoring(sub);
        }
        armUsage(sub);
    }

    /** The next alternative after the granted one with a lower downlink rate, if any. */
    private static AdmissionControl.Candidate lowerAlternative(Subscription sub) {
        List<AdmissionControl.Candidate> candidates = sub.candidates();
        int index = candidates.indexOf(sub.granted());
        for (int i = index + 1; i < candidates.size(); i++) {
            if (candidates.get(i).gbrDl().compareTo(sub.granted().gbrDl()) < 0) {
                return candidates.get(i);
            }
        }
        return null;
    }

    private static void updateRate(Subscription sub) {
        long dl = deliveredDlBps(sub);
        AdmissionControl.Candidate granted = sub.granted();
        long grantedDl = granted == null ? 0 : granted.gbrDl().wholeBitsPerSecond();
        long ul = grantedDl == 0 ? 0 : Math.round(granted.gbrUl().wholeBitsPerSecond() * ((double) dl / grantedDl));
        sub.usage.setRate(System.nanoTime(), dl, ul);
    }

    private void cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
