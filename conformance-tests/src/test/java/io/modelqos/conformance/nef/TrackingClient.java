package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.nef.AsSessionWithQosClient;
import io.modelqos.af.nef.NefProtocolException;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The AF's client as the tests drive it, noting which subscriptions the AF knows: those a create returned,
 * until a delete removed them. {@link WireMockNef} compares that with what the NEF holds.
 */
final class TrackingClient implements AsSessionWithQosClient {

    private final VertxAsSessionWithQosClient delegate;
    private final Set<String> known;

    TrackingClient(VertxAsSessionWithQosClient delegate, Set<String> known) {
        this.delegate = delegate;
        this.known = known;
    }

    VertxAsSessionWithQosClient unwrap() {
        return delegate;
    }

    @Override
    public Future<NefSubscription> create(AsSessionWithQoSSubscription subscription) {
        return delegate.create(subscription).onSuccess(s -> known.add(s.uri().getPath()));
    }

    @Override
    public Future<AsSessionWithQoSSubscription> read(URI subscription) {
        return delegate.read(subscription);
    }

    @Override
    public Future<List<NefSubscription>> list(Optional<String> ueIpAddress) {
        return delegate.list(ueIpAddress);
    }

    @Override
    public Future<Optional<AsSessionWithQoSSubscription>> replace(URI subscription, AsSessionWithQoSSubscription body) {
        return delegate.replace(subscription, body);
    }

    @Override
    public Future<Optional<AsSessionWithQoSSubscription>> modify(URI subscription, ObjectNode mergePatch) {
        return delegate.modify(subscription, mergePatch);
    }

    @Override
    public Future<Optional<UserPlaneNotificationData>> delete(URI subscription) {
        return delegate.delete(subscription)
                .onSuccess(r -> known.remove(subscription.getPath()))
                .onFailure(e -> {
                    if (e instanceof NefProtocolException p && p.succeededAtNef()) {
                        known.remove(subscription.getPath());
                    }
                });
    }

    @Override
    public String negotiatedFeatures() {
        return delegate.negotiatedFeatures();
    }
}
