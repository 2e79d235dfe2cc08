package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.nef.AsSessionWithQosClient;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The AF's NEF client passed through unchanged: the tests' decorators (tracking, counting, crashing) extend it and
 * override only the operations they watch.
 */
public abstract class ForwardingNefClient implements AsSessionWithQosClient {
    protected final AsSessionWithQosClient delegate;

    protected ForwardingNefClient(AsSessionWithQosClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public Future<NefSubscription> create(AsSessionWithQoSSubscription subscription) {
        return delegate.create(subscription);
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
        return delegate.delete(subscription);
    }

    @Override
    public String negotiatedFeatures() {
        return delegate.negotiatedFeatures();
    }
}
