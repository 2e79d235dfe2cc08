package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryChange;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;

import java.util.List;

/** The commands applied by the replica that owns the delivery. */
final class LocalCommands implements DeliveryCommands {
    private final DeliveryStore store;
    private final Ending ending;
    private final NetworkEvents network;
    private final ChangePublisher changes;

    LocalCommands(DeliveryStore store, Ending ending, NetworkEvents network, ChangePublisher changes) {
        this.store = store;
        this.ending = ending;
        this.network = network;
        this.changes = changes;
    }

    @Override
    public Future<Delivery> cancel(Delivery d) {
        return ending.end(d, DeliveryState.CANCELLED, FailureCause.CANCELLED_BY_CALLER);
    }

    @Override
    public Future<Delivery> progress(Delivery d, long bytes, long elapsedMs, boolean complete) {
        if (d.state().isFinal()) {
            return Future.succeededFuture(d);
        }
        d.rate().progress(bytes, elapsedMs, complete);
        changes.tell(d, DeliveryChange.Kind.RATE_REPORT, "PROGRESS");
        if (complete) {
            return ending.end(d, DeliveryState.COMPLETED, FailureCause.COMPLETION_REPORTED);
        }
        store.put(d);
        return Future.succeededFuture(d);
    }

    @Override
    public Future<Void> networkEvents(Delivery d, List<NetworkEvent> events) {
        return network.apply(d, events);
    }
}
