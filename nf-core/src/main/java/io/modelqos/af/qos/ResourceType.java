package io.modelqos.af.qos;

/** The resource types of TS 23.501 table 5.7.4-1 that guarantee a bit rate. */
public enum ResourceType {
    GBR,
    /** GBR whose packets count as lost beyond the PDB, bounded by a maximum data burst volume per PDB. */
    DELAY_CRITICAL_GBR
}
