package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem as the AF reports errors, with the contract's extensions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProblemDetails(String type, String title, Integer status, String detail, String instance,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<InvalidParam> invalidParams,
                             BestOffer bestOffer, String deliveryId) {

    public ProblemDetails {
        invalidParams = invalidParams == null ? List.of() : List.copyOf(invalidParams);
    }
}
