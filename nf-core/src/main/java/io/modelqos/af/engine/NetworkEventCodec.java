package io.modelqos.af.engine;

import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.southbound.NetworkEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Network events as JSON text, to hand them to the replica that owns their delivery. */
final class NetworkEventCodec {
    private NetworkEventCodec() {
    }

    static String encode(List<NetworkEvent> events) {
        JsonArray array = new JsonArray();
        for (NetworkEvent e : events) {
            JsonObject o = new JsonObject();
            if (e instanceof NetworkEvent.Allocated a) {
                o.put("event", "ALLOCATED").put("ref", a.appliedRef());
            } else if (e instanceof NetworkEvent.AllocationFailed) {
                o.put("event", "ALLOCATION_FAILED");
            } else if (e instanceof NetworkEvent.NotGuaranteed n) {
                o.put("event", "NOT_GUARANTEED").put("ref", n.appliedRef());
            } else if (e instanceof NetworkEvent.Guaranteed g) {
                o.put("event", "GUARANTEED").put("ref", g.appliedRef());
            } else if (e instanceof NetworkEvent.RatesMeasured r) {
                o.put("event", "RATES").put("dlBps", new JsonArray(new ArrayList<>(r.dlBitsPerSecond())));
            } else if (e instanceof NetworkEvent.UsageReported u) {
                putUsage(o.put("event", "USAGE"), u.usage());
            } else if (e instanceof NetworkEvent.Terminated t) {
                putUsage(o.put("event", "TERMINATED"), t.usage());
            } else if (e instanceof NetworkEvent.Other other) {
                o.put("event", "OTHER").put("name", other.name());
            }
            array.add(o);
        }
        return array.encode();
    }

    static List<NetworkEvent> decode(String text) {
        List<NetworkEvent> events = new ArrayList<>();
        for (Object item : new JsonArray(text)) {
            JsonObject o = (JsonObject) item;
            String ref = o.getString("ref");
            events.add(switch (o.getString("event")) {
                case "ALLOCATED" -> new NetworkEvent.Allocated(ref);
                case "ALLOCATION_FAILED" -> new NetworkEvent.AllocationFailed();
                case "NOT_GUARANTEED" -> new NetworkEvent.NotGuaranteed(ref);
                case "GUARANTEED" -> new NetworkEvent.Guaranteed(ref);
                case "RATES" -> new NetworkEvent.RatesMeasured(o.getJsonArray("dlBps").stream()
                        .map(n -> ((Number) n).longValue()).toList());
                case "USAGE" -> new NetworkEvent.UsageReported(usageOf(o));
                case "TERMINATED" -> new NetworkEvent.Terminated(usageOf(o));
                default -> new NetworkEvent.Other(o.getString("name", o.getString("event")));
            });
        }
        return events;
    }

    private static void putUsage(JsonObject o, NetworkUsage usage) {
        if (usage != null) {
            o.put("dl", usage.downlinkVolume()).put("ul", usage.uplinkVolume())
                    .put("total", usage.totalVolume()).put("durationS", usage.durationS());
        }
    }

    private static NetworkUsage usageOf(JsonObject o) {
        return o.containsKey("dl") || o.containsKey("total")
                ? new NetworkUsage(o.getLong("dl"), o.getLong("ul"), o.getLong("total"), o.getLong("durationS"))
                : null;
    }
}
