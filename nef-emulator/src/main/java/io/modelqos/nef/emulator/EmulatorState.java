package io.modelqos.nef.emulator;

import io.modelqos.qos.BitRate;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the emulator, as {@code GET /emulator/v1/state} returns it: capacity in use per
 * cell (both faces), live T8 subscriptions, N5 application sessions and notification counters.
 *
 * @param cells             load of each cell
 * @param ueGbrLimit        the per-UE GBR limit
 * @param capacityInUse     GBR reserved over all cells
 * @param liveSubscriptions number of live subscriptions, all scsAsIds together
 * @param subscriptionsByScsAsId live subscriptions per scsAsId
 * @param appSessions       N5 application sessions, including those the PCF ended and the AF has not deleted yet
 * @param notifications     notification delivery counters (both faces)
 * @param monitoring        the periodic QoS-monitoring reports the live sessions asked for (both faces)
 */
public record EmulatorState(List<Cell> cells, BitRate ueGbrLimit, BitRate capacityInUse, int liveSubscriptions,
                            Map<String, Integer> subscriptionsByScsAsId, int appSessions, Notifications notifications,
                            Monitoring monitoring) {

    /** Load of one cell. */
    public record Cell(int cell, BitRate capacity, BitRate inUse, BitRate available, int reservations) {
    }

    /**
     * Notification counters: delivered, retried attempts, given up after the last attempt, lost by
     * fault, dropped on a 404, monitoring reports skipped because the AF had a backlog, and of those
     * delivered, the QOS_MONITORING reports.
     */
    public record Notifications(long sent, long retried, long failed, long lost, long droppedNotFound, long skipped,
                                long monitoringSent) {
    }

    /**
     * Periodic QoS monitoring: how many live subscriptions get periodic reports, and the reports a second they cost
     * together (the sum of 1 / {@code repPeriod}), as scheduled.
     */
    public record Monitoring(int periodicSubscriptions, double reportsPerSecond) {
    }
}
