package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One QoS the AF could ask the network for: a variant, its rates and how it would be expressed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QosOption(String variantId, String payloadRate, String gbrDl, String qosReference,
                        String altQosParamSetRef, Integer pdbMs, String per, Long expectedTransferMs) {
}
