package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What the network reported as used by the delivery's session (bytes and seconds). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkUsage(Long downlinkVolume, Long uplinkVolume, Long totalVolume, Long durationS) {
}
