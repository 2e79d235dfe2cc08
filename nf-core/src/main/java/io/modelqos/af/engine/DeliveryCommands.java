package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.southbound.NetworkEvent;
import io.vertx.core.Future;

import java.util.List;

/**
 * What changes a live delivery: its caller's cancel and progress, and the network's events. The replica that owns the
 * delivery applies them ({@link LocalCommands}); with several replicas, {@link OwnershipRouter} hands them to the owner.
 */
interface DeliveryCommands {

    Future<Delivery> cancel(Delivery d);

    Future<Delivery> progress(Delivery d, long bytes, long elapsedMs, boolean complete);

    /** Takes the network's events for the delivery: completes once applied and stored, or durably handed to its owner. */
    Future<Void> networkEvents(Delivery d, List<NetworkEvent> events);
}
