package io.modelqos.nef.emulator;

import io.modelqos.qos.BitRate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Downlink GBR bookkeeping: per-cell admission budgets and a per-UE limit. Each subscription holds
 * at most one reservation; a UE is mapped to a cell by a CRC32 of its address, so the same UE lands
 * in the same cell in every run. Thread-safe.
 */
final class CapacityModel {

    /** What a subscription holds. */
    record Reservation(String ueKey, int cell, long bps) {
    }

    private final int cells;
    private final long cellBudgetBps;
    private final long ueLimitBps;
    private final Map<String, Reservation> bySubscription = new HashMap<>();
    /** What each UE's subscriptions hold together: kept as they change, not summed over every reservation per ask. */
    private final Map<String, Long> ueUsed = new HashMap<>();
    private final long[] cellUsed;

    CapacityModel(CapacityOptions options) {
        this.cells = options.getCells();
        this.cellBudgetBps = options.getCellGbrDl().wholeBitsPerSecond();
        this.ueLimitBps = options.getUeGbrDl().wholeBitsPerSecond();
        this.cellUsed = new long[cells];
    }

    int cellCount() {
        return cells;
    }

    BitRate ueLimit() {
        return BitRate.ofBitsPerSecond(ueLimitBps);
    }

    /** The cell of a UE (its address as the AF gave it, or the external group id). */
    int cellOf(String ueKey) {
        CRC32 crc = new CRC32();
        crc.update(ueKey.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % cells);
    }

    /**
     * The most GBR the UE could get now, counting as free what {@code subscriptionId} already holds
     * (so a replacement can reuse its own reservation).
     */
    synchronized long availableBps(String ueKey, String subscriptionId) {
        Reservation own = bySubscription.get(subscriptionId);
        int cell = cellOf(ueKey);
        long cellFree = cellBudgetBps - cellUsed[cell] + (own != null && own.cell() == cell ? own.bps() : 0);
        long usedByOthers = ueUsed.getOrDefault(ueKey, 0L) - (own != null && own.ueKey().equals(ueKey) ? own.bps() : 0);
        return Math.max(0, Math.min(cellFree, ueLimitBps - usedByOthers));
    }

    /**
     * Reserves {@code bps} for the subscription if it fits, replacing what the subscription held
     * before; leaves everything unchanged and answers false if it does not fit.
     */
    synchronized boolean reserve(String subscriptionId, String ueKey, long bps) {
        if (bps < 0) {
            throw new IllegalArgumentException("negative reservation");
        }
        if (bps > availableBps(ueKey, subscriptionId)) {
            return false;
        }
        release(subscriptionId);
        Reservation r = new Reservation(ueKey, cellOf(ueKey), bps);
        bySubscription.put(subscriptionId, r);
        cellUsed[r.cell()] += bps;
        ueUsed.merge(ueKey, bps, Long::sum);
        return true;
    }

    /** Frees what the subscription holds (nothing if it holds nothing). */
    synchronized void release(String subscriptionId) {
        Reservation r = bySubscription.remove(subscriptionId);
        if (r != null) {
            cellUsed[r.cell()] -= r.bps();
            ueUsed.computeIfPresent(r.ueKey(), (ue, used) -> used == r.bps() ? null : used - r.bps());
        }
    }

    synchronized Reservation reservationOf(String subscriptionId) {
        return bySubscription.get(subscriptionId);
    }

    synchronized BitRate inUse(int cell) {
        return BitRate.ofBitsPerSecond(cellUsed[cell]);
    }

    synchronized BitRate totalInUse() {
        long sum = 0;
        for (long used : cellUsed) {
            sum += used;
        }
        return BitRate.ofBitsPerSecond(sum);
    }

    synchronized List<EmulatorState.Cell> load() {
        int[] counts = new int[cells];
        bySubscription.values().forEach(r -> counts[r.cell()]++);
        List<EmulatorState.Cell> out = new ArrayList<>(cells);
        for (int c = 0; c < cells; c++) {
            out.add(new EmulatorState.Cell(c, BitRate.ofBitsPerSecond(cellBudgetBps),
                    BitRate.ofBitsPerSecond(cellUsed[c]), BitRate.ofBitsPerSecond(Math.max(0, cellBudgetBps - cellUsed[c])),
                    counts[c]));
        }
        return out;
    }
}
