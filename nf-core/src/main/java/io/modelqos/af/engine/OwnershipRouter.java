package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.af.store.OwnershipLostException;
import io.modelqos.af.store.SharedDeliveryStore;
import io.modelqos.af.store.SharedDeliveryStore.Relayed;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * With a store shared by several replicas: a command for a delivery this replica owns is applied here; one for a
 * delivery another replica owns is handed to that owner through the store (durably), and a caller's command is
 * answered once the owner applied it. The owner applies what was relayed to it with {@link #applyRelayed}.
 */
final class OwnershipRouter implements DeliveryCommands {
    private static final Logger LOG = LoggerFactory.getLogger(OwnershipRouter.class);
    private static final long RELAY_WAIT_MS = 5_000;

    private final SharedDeliveryStore shared;
    private final DeliveryCommands local;
    private final Vertx vertx;

    /** The callers waiting for their relayed request to be applied, by the message's number. */
    private final java.util.Map<Long, Runnable> waiting = new java.util.concurrent.ConcurrentHashMap<>();

    OwnershipRouter(SharedDeliveryStore shared, DeliveryCommands local, Vertx vertx) {
        this.shared = shared;
        this.local = local;
        this.vertx = vertx;
        shared.onRelayDone(number -> {
            Runnable applied = waiting.remove(number);
            if (applied != null) {
                applied.run();
            }
        });
    }

    @Override
    public Future<Delivery> cancel(Delivery d) {
        return shared.owns(d.id()) ? local.cancel(d) : relayAndWait(d, Relayed.Kind.CANCEL, null);
    }

    @Override
    public Future<Delivery> progress(Delivery d, long bytes, long elapsedMs, boolean complete) {
        return shared.owns(d.id()) ? local.progress(d, bytes, elapsedMs, complete)
                : relayAndWait(d, Relayed.Kind.PROGRESS, new JsonObject().put("bytes", bytes).put("elapsedMs", elapsedMs)
                .put("complete", complete).encode());
    }

    @Override
    public Future<Void> networkEvents(Delivery d, List<NetworkEvent> events) {
        if (shared.owns(d.id())) {
            return local.networkEvents(d, events);
        }
        return shared.relay(d.id(), Relayed.Kind.NOTIFICATION, NetworkEventCodec.encode(events))
                .onSuccess(number -> LOG.debug("delivery {}: network events relayed to its owner replica", d.id()))
                .mapEmpty();
    }

    /**
     * Applies what another replica relayed for a delivery this replica owns; the message is then done. Fails with
     * {@link OwnershipLostException} when this replica no longer owns the delivery (the message stays for the owner).
     */
    Future<Void> applyRelayed(Relayed message) {
        return shared.get(message.deliveryId()).compose(target -> {
            Future<?> applied;
            try {
                if (target.isEmpty()) {
                    LOG.warn("relayed {} for unknown delivery {} dropped", message.kind(), message.deliveryId());
                    applied = Future.succeededFuture();
                } else {
                    applied = apply(target.get(), message);
                }
            } catch (OwnershipLostException e) {
                return Future.failedFuture(e);
            } catch (RuntimeException e) {
                LOG.warn("delivery {}: relayed {} could not be applied: {}", message.deliveryId(), message.kind(),
                        e.toString());
                applied = Future.succeededFuture();
            }
            return applied.transform(ar -> {
                if (ar.failed() && ar.cause() instanceof OwnershipLostException) {
                    return Future.failedFuture(ar.cause());
                }
                if (ar.failed()) {
                    LOG.warn("delivery {}: relayed {} could not be applied: {}", message.deliveryId(), message.kind(),
                            ar.cause().toString());
                }
                // Done once what it changed is stored: the replica that relayed a caller's request then reads it.
                return shared.flushed().transform(stored -> shared.relayDone(message.number()));
            });
        });
    }

    /**
     * Applies one relayed message. A caller's command (cancel, progress) is done once its outcome is stored (a cancel:
     * once the session is released, as a cancel on the owner answers), since its caller is answered with the delivery
     * as then stored; the network's events are done at once, as before.
     */
    private Future<?> apply(Delivery d, Relayed message) {
        switch (message.kind()) {
            case NOTIFICATION -> {
                local.networkEvents(d, NetworkEventCodec.decode(message.body()));
                return Future.succeededFuture();
            }
            case CANCEL -> {
                return local.cancel(d).compose(x -> shared.flushed());
            }
            case PROGRESS -> {
                JsonObject p = new JsonObject(message.body());
                return local.progress(d, p.getLong("bytes"), p.getLong("elapsedMs"), p.getBoolean("complete"))
                        .compose(x -> shared.flushed());
            }
            default -> {
                LOG.warn("relayed message of unknown kind {} dropped", message.kind());
                return Future.succeededFuture();
            }
        }
    }

    /**
     * A caller's command relayed to the owner, answered once the owner applied it (with the delivery as then stored).
     * The store says when (LISTEN/NOTIFY); at the deadline the relay table is asked once, and a request still queued is
     * answered 503 (it stays queued and will be applied).
     */
    private Future<Delivery> relayAndWait(Delivery d, Relayed.Kind kind, String body) {
        io.vertx.core.Context here = Vertx.currentContext();
        return shared.relay(d.id(), kind, body).compose(number -> {
            Promise<Delivery> applied = Promise.promise();
            Runnable answer = () -> here.runOnContext(v -> shared.get(d.id())
                    .onComplete(read -> applied.tryComplete(read.succeeded() ? read.result().orElse(d) : d)));
            waiting.put(number, answer);
            long deadline = vertx.setTimer(RELAY_WAIT_MS, timer -> {
                if (waiting.remove(number) == null) {
                    return;
                }
                shared.relayPending(number).onComplete(pending -> {
                    if (pending.failed()) {
                        applied.tryFail(pending.cause());
                    } else if (pending.result()) {
                        applied.tryFail(AfProblem.serviceUnavailable("the replica that owns delivery " + d.id()
                                + " has not applied the request yet; it stays queued and will be applied"));
                    } else {
                        answer.run();
                    }
                });
            });
            // Applied before this replica started listening for it?
            shared.relayPending(number).onSuccess(pending -> {
                if (!pending && waiting.remove(number) != null) {
                    answer.run();
                }
            });
            return applied.future().onComplete(x -> vertx.cancelTimer(deadline));
        });
    }
}
