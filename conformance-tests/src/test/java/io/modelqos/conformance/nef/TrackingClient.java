package io.modelqos.conformance.nef;

import io.modelqos.af.nef.NefProtocolException;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The AF's client as the tests drive it, noting which subscriptions the AF knows: those a create returned,
 * until a delete removed them. {@link WireMockNef} compares that with what the NEF holds.
 */
final class TrackingClient extends ForwardingNefClient {

    private final VertxAsSessionWithQosClient client;
    private final Set<String> known;

    TrackingClient(VertxAsSessionWithQosClient client, Set<String> known) {
        super(client);
        this.client = client;
        this.known = known;
    }

    VertxAsSessionWithQosClient unwrap() {
        return client;
    }

    @Override
    public Future<NefSubscription> create(AsSessionWithQoSSubscription subscription) {
        return delegate.create(subscription).onSuccess(s -> known.add(s.uri().getPath()));
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

}
