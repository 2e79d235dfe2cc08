package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryJson;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.GrantedQos;
import io.modelqos.af.delivery.NegotiationAttempt;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;

/**
 * Creates and ends deliveries through a store the way the AF writes them (the benchmarks module's {@code
 * store-churn} does the same with the AF's planner, for figures): an idempotency key and a put on create and when
 * negotiating, a put when the NEF grants, a put and an event when the allocation is known, the webhook's cursor, the
 * final put with "release pending", the put when the NEF confirmed the delete and the terminal event, the cursor again.
 * 64 deliveries are under way at once and each turn of the "event loop" moves 4 of them one step, then commits once
 * (grouped commits: {@link DeliveryStore#flush()}). Delivery {@code n} is {@code prefix-n}.
 */
final class StoreChurn {
    private static final int IN_FLIGHT = 64;
    private static final int PER_TURN = 4;
    private static final DeliveryJson JSON = new DeliveryJson(DeliveryRecord.mapper());

    private final DeliveryStore store;
    private final String prefix;
    private final long firstId;
    private long started;
    private long created;
    private long doneBelow;
    private final BitSet done = new BitSet();
    private final ArrayDeque<Flow> flows = new ArrayDeque<>();
    private long finished;

    /** The store's end-of-turn tasks (its grouped commit), run by {@link #run} at the end of each turn. */
    private final List<Runnable> endOfTurn = new java.util.ArrayList<>();

    StoreChurn(DeliveryStore store, String prefix, long firstId) {
        this.store = store;
        this.prefix = prefix;
        this.firstId = firstId;
        // The end of each turn is the driver's: it runs the store's end-of-turn commit, as the AF's event loop does.
        store.groupCommits(endOfTurn::add);
    }

    /** How many deliveries were created and committed: {@code prefix-firstId} up to this, exclusive. */
    long created() {
        return created;
    }

    /** Every delivery below this one (counted from {@code firstId}) is ended and released, with both events delivered. */
    long doneBelow() {
        return doneBelow;
    }

    /**
     * Runs turns (each ends with a commit) until {@code pairs} deliveries are done in all, or for {@code turns} turns;
     * a later call goes on where this one stopped.
     */
    void run(long pairs, long turns) {
        for (long turn = 0; turn < turns && finished < pairs; turn++) {
            while (flows.size() < IN_FLIGHT && started < pairs) {
                flows.add(new Flow(started++));
            }
            for (int i = 0; i < PER_TURN && !flows.isEmpty(); i++) {
                Flow f = flows.poll();
                if (f.step()) {
                    flows.add(f);
                } else {
                    finished++;
                    done.set((int) f.index);
                }
            }
            List<Runnable> tasks = List.copyOf(endOfTurn);
            endOfTurn.clear();
            tasks.forEach(Runnable::run);
            store.flushed().await();
            doneBelow = done.nextClearBit((int) doneBelow);
        }
    }

    private Instant now() {
        return Deliveries.T0.plusMillis(started * 2);
    }

    private final class Flow {
        private final long index;
        private Delivery d;
        private int step;

        Flow(long index) {
            this.index = index;
        }

        /** One step of the delivery's life; false once it is over. */
        boolean step() {
            Instant now = now();
            switch (step++) {
                case 0 -> {
                    String id = prefix + "-" + (firstId + index);
                    Delivery n = Deliveries.negotiating(id, "tenant-a", "10." + (64 + index % 64) + "." + (index / 64 % 256)
                            + "." + (index / 16384 % 256), 0);
                    d = new Delivery(id, n.tenant(), n.request(), "cb-" + UUID.randomUUID(), now);
                    store.rememberIdempotentCreate(d.tenant(), idempotencyKey(id),
                            new DeliveryStore.IdempotentCreate(UUID.randomUUID().toString(), id));
                    d.requested(n.requested());
                    d.options(n.options());
                    store.put(d);
                    d.moveTo(DeliveryState.NEGOTIATING);
                    store.put(d);
                    created++;
                }
                case 1 -> {
                    d.nefSubscription(URI.create("http://127.0.0.1:8443/3gpp-as-session-with-qos/v1/af/subscriptions/"
                            + UUID.randomUUID()));
                    d.granted(new GrantedQos("resnet-50-fp32", "1 Gbps", "mq-gbr-1G", null, 900, 1000, 2));
                    d.allocatedRef("mq-gbr-1G");
                    d.availability().start(now);
                    d.expiresAt(now.plusSeconds(32));
                    d.moveTo(DeliveryState.QOS_GRANTED);
                    store.put(d);
                }
                case 2 -> {
                    d.recordAttempt("resnet-50-fp32", "1 Gbps", NegotiationAttempt.Outcome.GRANTED, null);
                    store.put(d);
                    event(EventType.QOS_GRANTED, 1, now);
                }
                case 3 -> store.markDelivered(d.id(), 1);
                case 4 -> {
                    d.availability().stop(now);
                    d.endedAt(now);
                    d.moveTo(DeliveryState.CANCELLED);
                    d.releasePending(true);
                    store.put(d);
                    store.put(d);
                }
                case 5 -> {
                    d.rate().usage(new NetworkUsage(50_000_000L, 1_000L, 50_001_000L, 1L));
                    d.releasePending(false);
                    store.put(d);
                    event(EventType.COMPLETED, 2, now);
                }
                default -> {
                    store.markDelivered(d.id(), 2, true); // the COMPLETED event, as the AF's webhook marks it
                    return false;
                }
            }
            return true;
        }

        private void event(EventType type, long sequence, Instant now) {
            store.appendEvent(new DeliveryEvent(UUID.randomUUID().toString(), d.id(), sequence, type, now,
                    JSON.eventData(d, now, null, null)));
        }
    }

    /** The Idempotency-Key the churn remembers for delivery {@code id}: random-looking, as the SDK's UUIDs are. */
    static String idempotencyKey(String id) {
        return UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
