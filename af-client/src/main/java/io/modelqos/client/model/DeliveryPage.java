package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of deliveries; {@code nextPageToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryPage(List<Delivery> items, String nextPageToken) {

    public DeliveryPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
