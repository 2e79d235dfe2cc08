package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelqos.qos.BitRate;
import org.junit.jupiter.api.Test;

/** Verifies the per-cell budget, the per-UE limit and the deterministic cell mapping. */
class CapacityModelTest {

    private static final long G = 1_000_000_000L;
    private static final long M = 1_000_000L;

    private static CapacityModel oneCell() {
        return new CapacityModel(new CapacityOptions().setCells(1));
    }

    @Test
    void reservesWithinTheCellBudgetAndRefusesBeyond() {
        CapacityModel model = oneCell();

        assertTrue(model.reserve("a", "ipv4:10.0.0.1", G));
        assertTrue(model.reserve("b", "ipv4:10.0.0.2", 800 * M));
        assertFalse(model.reserve("c", "ipv4:10.0.0.3", 300 * M));

        assertEquals(200 * M, model.availableBps("ipv4:10.0.0.3", "c"));
        assertEquals(BitRate.ofBitsPerSecond(1800 * M), model.totalInUse());
        assertNull(model.reservationOf("c"), "a refused reservation leaves no trace");
    }

    @Test
    void limitsEachUeAcrossItsSessions() {
        CapacityModel model = oneCell();

        assertTrue(model.reserve("a", "ipv4:10.0.0.1", G));
        assertFalse(model.reserve("b", "ipv4:10.0.0.1", 600 * M));

        assertEquals(500 * M, model.availableBps("ipv4:10.0.0.1", "b"));
        assertEquals(1000 * M, model.availableBps("ipv4:10.0.0.2", "x"), "another UE is limited by the cell");
    }

    @Test
    void aReplacementCountsItsOwnReservationAsFree() {
        CapacityModel model = oneCell();
        assertTrue(model.reserve("a", "ipv4:10.0.0.1", G));
        assertTrue(model.reserve("b", "ipv4:10.0.0.2", 900 * M));

        assertTrue(model.reserve("a", "ipv4:10.0.0.1", 1100 * M));
        assertFalse(model.reserve("a", "ipv4:10.0.0.1", 1200 * M));

        assertEquals(1100 * M, model.reservationOf("a").bps(), "the refused change kept the previous reservation");
        assertEquals(BitRate.ofBitsPerSecond(2 * G), model.totalInUse());
    }

    @Test
    void releaseFreesTheReservation() {
        CapacityModel model = oneCell();
        model.reserve("a", "ipv4:10.0.0.1", 1500 * M);

        model.release("a");
        model.release("a");

        assertEquals(BitRate.ZERO, model.totalInUse());
        assertEquals(1500 * M, model.availableBps("ipv4:10.0.0.1", "b"));
    }

    @Test
    void mapsAUeToTheSameCellEveryTimeAndSpreadsUes() {
        CapacityModel four = new CapacityModel(new CapacityOptions());
        int[] perCell = new int[4];
        for (int i = 1; i <= 200; i++) {
            int cell = four.cellOf("ipv4:10.45.0." + i);
            assertEquals(cell, new CapacityModel(new CapacityOptions()).cellOf("ipv4:10.45.0." + i));
            perCell[cell]++;
        }
        for (int count : perCell) {
            assertTrue(count > 20, "200 UEs spread over 4 cells: " + java.util.Arrays.toString(perCell));
        }
    }

    @Test
    void cellsAreIndependent() {
        CapacityModel four = new CapacityModel(new CapacityOptions());
        String ueA = "ipv4:10.45.0.1";
        String ueB = null;
        for (int i = 2; i < 50 && ueB == null; i++) {
            if (four.cellOf("ipv4:10.45.0." + i) != four.cellOf(ueA)) {
                ueB = "ipv4:10.45.0." + i;
            }
        }
        assertTrue(four.reserve("a", ueA, 1500 * M));

        assertEquals(1500 * M, four.availableBps(ueB, "b"));
        assertEquals(BitRate.ofBitsPerSecond(1500 * M), four.inUse(four.cellOf(ueA)));
        assertEquals(BitRate.ZERO, four.inUse(four.cellOf(ueB)));
    }
}
