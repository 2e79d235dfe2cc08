package io.modelqos.af.delivery;

/** The volumes and duration the NEF reported for the session (USAGE_REPORT or the final report on delete). */
public record NetworkUsage(Long downlinkVolume, Long uplinkVolume, Long totalVolume, Long durationS) {
}
