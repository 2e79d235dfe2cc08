package io.modelqos.af.pcf;

import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.openapi.n5.model.AfEventNotification;
import io.modelqos.openapi.n5.model.EventsNotification;
import io.modelqos.openapi.n5.model.MediaComponentResourcesStatus;
import io.modelqos.openapi.n5.model.QosNotifType;
import io.modelqos.openapi.n5.model.QosNotificationControlInfo;
import io.modelqos.openapi.n5.model.ResourcesAllocationInfo;
import io.modelqos.openapi.t8.model.AccumulatedUsage;
import io.modelqos.openapi.t8.model.PaQosMonitoringReport;
import io.modelqos.qos.BitRate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Translates TS 29.514 EventsNotification into the engine's {@link NetworkEvent}s. */
final class PcfNetworkEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PcfNetworkEvents.class);

    private PcfNetworkEvents() {
    }

    /** The events of a notification, in the order its {@code evNotifs} lists them. */
    static List<NetworkEvent> of(EventsNotification n) {
        List<NetworkEvent> events = new ArrayList<>();
        if (n.getEvNotifs() == null) {
            return events;
        }
        for (AfEventNotification notif : n.getEvNotifs()) {
            if (notif == null || notif.getEvent() == null) {
                continue;
            }
            switch (notif.getEvent()) {
                case SUCCESSFUL_RESOURCES_ALLOCATION -> events.add(new NetworkEvent.Allocated(applied(
                        n.getSuccResourcAllocReports())));
                case FAILED_RESOURCES_ALLOCATION -> events.add(new NetworkEvent.AllocationFailed());
                case QOS_NOTIF -> {
                    if (n.getQncReports() != null) {
                        for (QosNotificationControlInfo report : n.getQncReports()) {
                            if (report.getNotifType() == QosNotifType.NOT_GUARANTEED) {
                                events.add(new NetworkEvent.NotGuaranteed(report.getAltSerReq()));
                            } else if (report.getNotifType() == QosNotifType.GUARANTEED) {
                                events.add(new NetworkEvent.Guaranteed(report.getAltSerReq()));
                            }
                        }
                    }
                }
                case USAGE_REPORT -> events.add(new NetworkEvent.UsageReported(
                        n.getUsgRep() == null ? null : usageOf(n.getUsgRep())));
                case QOS_MONITORING -> events.add(new NetworkEvent.RatesMeasured(rates(n)));
                default -> events.add(new NetworkEvent.Other(notif.getEvent().toString()));
            }
        }
        return events;
    }

    /** The wire names of a notification's events, for the metrics. */
    static List<String> names(EventsNotification n) {
        return n.getEvNotifs() == null ? List.of() : n.getEvNotifs().stream()
                .filter(e -> e != null && e.getEvent() != null).map(e -> e.getEvent().toString()).toList();
    }

    /** The final usage an answer to a delete carries, when it carries one. */
    static Optional<NetworkUsage> finalUsage(EventsNotification n) {
        return n == null || n.getUsgRep() == null ? Optional.empty() : Optional.of(usageOf(n.getUsgRep()));
    }

    /** The alternative the PCF applied (null: the requested QoS, or it did not say). */
    private static String applied(List<ResourcesAllocationInfo> reports) {
        if (reports == null) {
            return null;
        }
        for (ResourcesAllocationInfo report : reports) {
            if (report.getMcResourcStatus() != MediaComponentResourcesStatus.INACTIVE && report.getAltSerReq() != null) {
                return report.getAltSerReq();
            }
        }
        return null;
    }

    private static List<Long> rates(EventsNotification n) {
        List<Long> rates = new ArrayList<>();
        for (List<PaQosMonitoringReport> reports : java.util.Arrays.asList(n.getQosMonDatRateReps(), n.getQosMonReports())) {
            if (reports == null) {
                continue;
            }
            for (PaQosMonitoringReport report : reports) {
                if (report.getDlDataRate() == null) {
                    continue;
                }
                try {
                    rates.add(BitRate.parse(report.getDlDataRate()).bitsPerSecond().longValue());
                } catch (IllegalArgumentException e) {
                    LOG.warn("the PCF reported an unreadable data rate '{}'", report.getDlDataRate());
                }
            }
        }
        return rates;
    }

    static NetworkUsage usageOf(AccumulatedUsage u) {
        return new NetworkUsage(u.getDownlinkVolume(), u.getUplinkVolume(), u.getTotalVolume(),
                u.getDuration() == null ? null : u.getDuration().longValue());
    }
}
