package io.modelqos.af.qos;

import io.modelqos.qos.PacketErrorRate;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.modelqos.af.qos.ResourceType.DELAY_CRITICAL_GBR;
import static io.modelqos.af.qos.ResourceType.GBR;

/**
 * The standardised GBR and delay-critical GBR 5QIs of TS 23.501 table 5.7.4-1, and which 5QIs may carry a
 * bulk model download.
 *
 * <p>Rows as collected in shared/notes/5qi-and-availability.md. 5QI 75 is left out (withdrawn, N/A in
 * current versions). Rows 86-90 were recalled from Rel-17/18 and not matched against a public copy of the
 * table; their PDB and MDBV keep them far below model rates either way.
 */
public final class StandardFiveQis {

    /** Standardised non-GBR 5QIs: no guaranteed rate, so never a model download's QoS. */
    public static final Set<Integer> NON_GBR = Set.of(5, 6, 7, 8, 9, 10, 69, 70, 79, 80);

    private static final int OPERATOR_SPECIFIC_MIN = 128;
    private static final int OPERATOR_SPECIFIC_MAX = 254;

    private static final List<StandardFiveQi> ROWS = List.of(
            gbr(1, 20, 100, "1E-2", "Conversational voice"),
            gbr(2, 40, 150, "1E-3", "Conversational video (live streaming)"),
            gbr(3, 30, 50, "1E-3", "Real-time gaming; V2X messages; electricity distribution - medium voltage;"
                    + " process automation - monitoring"),
            gbr(4, 50, 300, "1E-6", "Non-conversational video (buffered streaming)"),
            gbr(65, 7, 75, "1E-2", "Mission-critical user-plane push-to-talk voice (MCPTT)"),
            gbr(66, 20, 100, "1E-2", "Non-mission-critical user-plane push-to-talk voice"),
            gbr(67, 15, 100, "1E-3", "Mission-critical video user plane"),
            gbr(71, 56, 150, "1E-6", "\"Live\" uplink streaming (TS 26.238)"),
            gbr(72, 56, 300, "1E-4", "\"Live\" uplink streaming"),
            gbr(73, 56, 300, "1E-8", "\"Live\" uplink streaming"),
            gbr(74, 56, 500, "1E-8", "\"Live\" uplink streaming"),
            gbr(76, 56, 500, "1E-4", "\"Live\" uplink streaming"),
            delayCritical(82, 19, 10, "1E-4", 255, "Discrete automation"),
            delayCritical(83, 22, 10, "1E-4", 1354, "Discrete automation; V2X (UE-RSU platooning,"
                    + " cooperative lane change, low LoA)"),
            delayCritical(84, 24, 30, "1E-5", 1354, "Intelligent transport systems"),
            delayCritical(85, 21, 5, "1E-5", 255, "Electricity distribution - high voltage; V2X remote driving"),
            delayCritical(86, 18, 5, "1E-4", 1354, "V2X advanced driving (collision avoidance, platooning with"
                    + " high LoA)"),
            delayCritical(87, 25, 5, "1E-3", 500, "Interactive service - motion tracking data"),
            delayCritical(88, 25, 10, "1E-3", 1125, "Interactive service - motion tracking data"),
            delayCritical(89, 25, 15, "1E-4", 17000, "Visual content for cloud/edge/split rendering"),
            delayCritical(90, 25, 20, "1E-4", 63000, "Visual content for cloud/edge/split rendering"));

    private StandardFiveQis() {
    }

    /** All GBR and delay-critical GBR rows, in 5QI order. */
    public static List<StandardFiveQi> all() {
        return ROWS;
    }

    public static Optional<StandardFiveQi> find(int fiveQi) {
        return ROWS.stream().filter(row -> row.value() == fiveQi).findFirst();
    }

    /** 128-254: values the operator defines; their characteristics come with the QoS reference. */
    public static boolean isOperatorSpecific(int fiveQi) {
        return fiveQi >= OPERATOR_SPECIFIC_MIN && fiveQi <= OPERATOR_SPECIFIC_MAX;
    }

    /**
     * Whether a QoS reference with this 5QI may carry a model download: a standardised GBR 5QI, or an
     * operator-specific one (agreed as GBR with the operator). Never delay-critical GBR, whose MDBV per PDB
     * caps the rate in the Mbit/s range ({@link StandardFiveQi#burstLimitedRate()}), never non-GBR, and never
     * an unassigned value.
     */
    public static boolean suitsBulkTransfer(int fiveQi) {
        if (isOperatorSpecific(fiveQi)) {
            return true;
        }
        return find(fiveQi).map(row -> row.type() == GBR).orElse(false);
    }

    private static StandardFiveQi gbr(int value, int priority, int pdbMs, String per, String services) {
        return new StandardFiveQi(value, GBR, priority, pdbMs, PacketErrorRate.parse(per), null, 2000, services);
    }

    private static StandardFiveQi delayCritical(int value, int priority, int pdbMs, String per, int mdbvBytes,
                                                String services) {
        return new StandardFiveQi(value, DELAY_CRITICAL_GBR, priority, pdbMs, PacketErrorRate.parse(per),
                mdbvBytes, 2000, services);
    }
}
