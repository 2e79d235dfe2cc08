package io.modelqos.nef.emulator;

import io.modelqos.qos.BitRate;

/**
 * The downlink GBR capacity model: {@code cells} cells, each with a GBR admission budget of
 * {@code cellGbrDl}, and at most {@code ueGbrDl} of GBR for any one UE. A UE is mapped to a cell
 * deterministically from its address. Defaults and their reasoning: nef-emulator/README.md.
 */
public class CapacityOptions {

    /** Default GBR admission budget of one cell (FR1, 100 MHz TDD, 4 layers, 256QAM; see README). */
    public static final BitRate DEFAULT_CELL_GBR_DL = Rates.parse("2 Gbps");
    /** Default GBR limit of one UE. */
    public static final BitRate DEFAULT_UE_GBR_DL = Rates.parse("1.5 Gbps");
    public static final int DEFAULT_CELLS = 4;

    private int cells = DEFAULT_CELLS;
    private BitRate cellGbrDl = DEFAULT_CELL_GBR_DL;
    private BitRate ueGbrDl = DEFAULT_UE_GBR_DL;
    private Integer rejectRetryAfterSeconds;

    public int getCells() {
        return cells;
    }

    public CapacityOptions setCells(int cells) {
        if (cells < 1) {
            throw new IllegalArgumentException("capacity.cells must be >= 1");
        }
        this.cells = cells;
        return this;
    }

    public BitRate getCellGbrDl() {
        return cellGbrDl;
    }

    public CapacityOptions setCellGbrDl(BitRate cellGbrDl) {
        this.cellGbrDl = Rates.whole(java.util.Objects.requireNonNull(cellGbrDl, "capacity.cellGbrDl"));
        return this;
    }

    public BitRate getUeGbrDl() {
        return ueGbrDl;
    }

    public CapacityOptions setUeGbrDl(BitRate ueGbrDl) {
        this.ueGbrDl = Rates.whole(java.util.Objects.requireNonNull(ueGbrDl, "capacity.ueGbrDl"));
        return this;
    }

    public Integer getRejectRetryAfterSeconds() {
        return rejectRetryAfterSeconds;
    }

    /** When set, a 403 for lack of capacity carries {@code Retry-After} with this many seconds. */
    public CapacityOptions setRejectRetryAfterSeconds(Integer rejectRetryAfterSeconds) {
        if (rejectRetryAfterSeconds != null && rejectRetryAfterSeconds < 0) {
            throw new IllegalArgumentException("capacity.rejectRetryAfterSeconds must be >= 0");
        }
        this.rejectRetryAfterSeconds = rejectRetryAfterSeconds;
        return this;
    }
}
