package io.modelqos.af.qos;

/**
 * Volumes for the subscription's {@code usageThreshold} (TS 29.122 {@code UsageThreshold}, bytes): the
 * transfer's IP bytes with a margin, so that a USAGE_REPORT means the delivery used more than planned.
 *
 * @param totalVolume    downlink + uplink
 * @param downlinkVolume model bytes × transport overhead × (1 + margin)
 * @param uplinkVolume   TCP acknowledgements × (1 + margin)
 */
public record UsageThreshold(long totalVolume, long downlinkVolume, long uplinkVolume) {

    public UsageThreshold {
        if (downlinkVolume < 0 || uplinkVolume < 0 || totalVolume != downlinkVolume + uplinkVolume) {
            throw new IllegalArgumentException("volumes must be non-negative and add up, were total "
                    + totalVolume + ", downlink " + downlinkVolume + ", uplink " + uplinkVolume);
        }
    }
}
