package io.modelqos.client;

import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.UeId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Which deliveries to list: all of them ({@link #all()}), or those of one UE and/or in one state, in
 * pages of a given size (1 to 500, the AF's default 50). Immutable.
 *
 * <pre>{@code DeliveryFilter.all().withUe(UeId.ipv4("10.45.0.2")).withState(DeliveryState.QOS_GRANTED)}</pre>
 */
public record DeliveryFilter(String ue, DeliveryState state, Integer pageSize) {

    private static final DeliveryFilter ALL = new DeliveryFilter(null, null, null);

    public DeliveryFilter {
        if (ue != null && (ue.isEmpty() || ue.length() > 256)) {
            throw new IllegalArgumentException("ue must be 1 to 256 characters, was \"" + ue + "\"");
        }
        if (state == DeliveryState.UNKNOWN) {
            throw new IllegalArgumentException("state UNKNOWN cannot be listed");
        }
        if (pageSize != null && (pageSize < 1 || pageSize > 500)) {
            throw new IllegalArgumentException("pageSize must be between 1 and 500, was " + pageSize);
        }
    }

    /** Every delivery of the caller, in the AF's default page size. */
    public static DeliveryFilter all() {
        return ALL;
    }

    /** This filter, narrowed to one UE. */
    public DeliveryFilter withUe(UeId ue) {
        return new DeliveryFilter(Objects.requireNonNull(ue, "ue == null").value(), state, pageSize);
    }

    /** This filter, narrowed to one state. */
    public DeliveryFilter withState(DeliveryState state) {
        return new DeliveryFilter(ue, Objects.requireNonNull(state, "state == null"), pageSize);
    }

    /** This filter, with pages of the given size (1 to 500). */
    public DeliveryFilter withPageSize(int pageSize) {
        return new DeliveryFilter(ue, state, pageSize);
    }

    /** The query string for one page, with its leading "?" (empty when there is nothing to ask). */
    String query(String pageToken) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        add(query, "ue", ue);
        add(query, "state", state == null ? null : state.name());
        add(query, "pageSize", pageSize == null ? null : pageSize.toString());
        add(query, "pageToken", pageToken);
        return query.toString();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
