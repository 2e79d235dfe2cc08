package io.modelqos.af.qos;

import io.modelqos.qos.PacketErrorRate;
import io.modelqos.qos.BitRate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * One GBR or delay-critical GBR row of TS 23.501 table 5.7.4-1.
 *
 * @param value             the 5QI
 * @param type              GBR or delay-critical GBR
 * @param priorityLevel     default priority level (lower is more important)
 * @param pdbMs             packet delay budget, UE to N6-terminating UPF
 * @param per               packet error rate
 * @param mdbvBytes         default maximum data burst volume; {@code null} for GBR rows
 * @param averagingWindowMs default averaging window
 * @param exampleServices   the table's example services
 */
public record StandardFiveQi(int value, ResourceType type, int priorityLevel, int pdbMs, PacketErrorRate per,
                             Integer mdbvBytes, int averagingWindowMs, String exampleServices) {

    public StandardFiveQi {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(per, "per");
        if ((type == ResourceType.DELAY_CRITICAL_GBR) != (mdbvBytes != null)) {
            throw new IllegalArgumentException("5QI " + value + ": an MDBV belongs to delay-critical GBR rows only");
        }
    }

    /**
     * For delay-critical GBR: the highest rate the RAN must sustain, one MDBV per PDB (MDBV × 8 / PDB).
     * E.g. 5QI 90: 63000 B per 20 ms = 25.2 Mbit/s, far below model downloads. Empty for GBR rows.
     */
    public Optional<BitRate> burstLimitedRate() {
        if (mdbvBytes == null) {
            return Optional.empty();
        }
        BigDecimal bitsPerSecond = BigDecimal.valueOf(mdbvBytes * 8L * 1000L)
                .divide(BigDecimal.valueOf(pdbMs), 3, RoundingMode.CEILING);
        return Optional.of(BitRate.ofBitsPerSecond(bitsPerSecond));
    }
}
