package io.modelqos.af.store;

import com.fasterxml.jackson.core.io.SerializedString;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.PlannedOption;

import io.modelqos.af.json.RawJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON of the parts of a delivery's record that its next write finds as they were: its request (never changes)
 * and its planned options (until a re-plan puts a new list in). A delivery's record is written five times or more in
 * its life, each time by its shard's event loop, and these two parts were about 40 % of every encoding. Kept per
 * thread for the {@value #PER_THREAD} deliveries it wrote last, and used only while the delivery still holds the very
 * same instance: an options list replaced by a re-plan is encoded afresh.
 */
final class UnchangedParts {
    static final int PER_THREAD = 256;

    private static final ThreadLocal<Map<String, Parts>> RECENT = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(PER_THREAD * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Parts> eldest) {
                    return size() > PER_THREAD;
                }
            });

    private UnchangedParts() {
    }

    private static final class Parts {
        final Slot<DeliveryRequest> request = new Slot<>();
        final Slot<List<PlannedOption>> options = new Slot<>();
    }

    /** One part of a delivery: the instance last written, and its JSON. */
    private static final class Slot<T> {
        private T value;
        private SerializedString json;

        SerializedString of(T now, Function<T, byte[]> encode) {
            if (value != now) {
                json = RawJson.of(encode.apply(now)); // encoded once, copied as bytes by every write
                value = now;
            }
            return json;
        }
    }

    /** The JSON of delivery {@code id}'s request {@code request}, as {@code encode} makes it. */
    static SerializedString request(String id, DeliveryRequest request, Function<DeliveryRequest, byte[]> encode) {
        Parts p = parts(id);
        return p == null ? RawJson.of(encode.apply(request)) : p.request.of(request, encode);
    }

    /** The JSON of delivery {@code id}'s options {@code options}, as {@code encode} makes it. */
    static SerializedString options(String id, List<PlannedOption> options,
                                    Function<List<PlannedOption>, byte[]> encode) {
        Parts p = parts(id);
        return p == null ? RawJson.of(encode.apply(options)) : p.options.of(options, encode);
    }

    private static Parts parts(String id) {
        if (id == null) {
            return null;
        }
        return RECENT.get().computeIfAbsent(id, k -> new Parts());
    }

}
