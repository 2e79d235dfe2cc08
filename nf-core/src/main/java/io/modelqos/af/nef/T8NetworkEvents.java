package io.modelqos.af.nef;

import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.qos.BitRate;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.openapi.t8.model.AccumulatedUsage;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Translates TS 29.122 user-plane event reports into the engine's {@link NetworkEvent}s. */
public final class T8NetworkEvents {
    private static final Logger LOG = LoggerFactory.getLogger(T8NetworkEvents.class);

    private T8NetworkEvents() {
    }

    /** The events of a notification, in the order the NEF listed them. */
    public static List<NetworkEvent> of(UserPlaneNotificationData data) {
        List<NetworkEvent> events = new ArrayList<>();
        if (data.getEventReports() != null) {
            for (UserPlaneEventReport report : data.getEventReports()) {
                events.add(of(report));
            }
        }
        return events;
    }

    /** The final usage in the answer to a DELETE, when it holds one. */
    public static Optional<NetworkUsage> finalUsage(UserPlaneNotificationData report) {
        NetworkUsage usage = null;
        if (report != null && report.getEventReports() != null) {
            for (UserPlaneEventReport r : report.getEventReports()) {
                if (r.getAccumulatedUsage() != null) {
                    usage = usageOf(r.getAccumulatedUsage());
                }
            }
        }
        return Optional.ofNullable(usage);
    }

    static NetworkEvent of(UserPlaneEventReport report) {
        UserPlaneEvent event = report.getEvent();
        if (event == null) {
            return new NetworkEvent.Other("null");
        }
        return switch (event) {
            case SUCCESSFUL_RESOURCES_ALLOCATION -> new NetworkEvent.Allocated(report.getAppliedQosRef());
            case FAILED_RESOURCES_ALLOCATION -> new NetworkEvent.AllocationFailed();
            case QOS_NOT_GUARANTEED -> new NetworkEvent.NotGuaranteed(report.getAppliedQosRef());
            case QOS_GUARANTEED -> new NetworkEvent.Guaranteed(report.getAppliedQosRef());
            case USAGE_REPORT -> new NetworkEvent.UsageReported(
                    report.getAccumulatedUsage() == null ? null : usageOf(report.getAccumulatedUsage()));
            case QOS_MONITORING -> new NetworkEvent.RatesMeasured(measuredRates(report));
            case SESSION_TERMINATION -> new NetworkEvent.Terminated(
                    report.getAccumulatedUsage() == null ? null : usageOf(report.getAccumulatedUsage()));
            default -> new NetworkEvent.Other(event.toString());
        };
    }

    private static List<Long> measuredRates(UserPlaneEventReport report) {
        List<Long> rates = new ArrayList<>();
        if (report.getQosMonDatRateReps() != null) {
            report.getQosMonDatRateReps().forEach(rep -> addRate(rates, rep.getDlDataRate()));
        }
        if (report.getQosMonReports() != null) {
            report.getQosMonReports().forEach(rep -> addRate(rates, rep.getDlDataRate()));
        }
        return rates;
    }

    private static void addRate(List<Long> rates, String dlDataRate) {
        if (dlDataRate == null) {
            return;
        }
        try {
            rates.add(BitRate.parse(dlDataRate).bitsPerSecond().longValue());
        } catch (IllegalArgumentException e) {
            LOG.warn("the NEF reported an unreadable data rate '{}'", dlDataRate);
        }
    }

    static NetworkUsage usageOf(AccumulatedUsage u) {
        return new NetworkUsage(u.getDownlinkVolume(), u.getUplinkVolume(), u.getTotalVolume(),
                u.getDuration() == null ? null : u.getDuration().longValue());
    }
}
