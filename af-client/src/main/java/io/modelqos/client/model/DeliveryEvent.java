package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A delivery event: a CloudEvents 1.0 event in structured JSON mode, as the AF streams it over SSE and
 * POSTs it to a notification URI. {@code subject} is the delivery id and {@code sequence} the event's
 * position in its delivery's stream, from 1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryEvent(@JsonProperty("specversion") String specVersion, String id, String source,
                            EventType type, String subject, Instant time,
                            @JsonProperty("datacontenttype") String dataContentType, long sequence,
                            DeliveryEventData data) {

    /** Whether this event ends its delivery's stream: its type is terminal or its data says the delivery ended. */
    @JsonIgnore
    public boolean isTerminal() {
        return (type != null && type.isTerminal()) || (data != null && data.state() != null && data.state().isTerminal());
    }
}
