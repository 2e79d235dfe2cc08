package io.modelqos.af.capif;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.nef.AsSessionWithQosClient;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.af.nef.NefUnavailableException;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The NEF client, watched: after {@code threshold} calls in a row that got no answer from the NEF (timeouts, refused
 * connections, overload past the retry budget) the API is discovered again, so that the AF moves to another
 * exposing function if CAPIF names one. Any answer resets the count. Failures for want of a token are CAPIF's, not the
 * NEF's, and do not count.
 */
public final class RediscoveringNefClient implements AsSessionWithQosClient {
    private final AsSessionWithQosClient nef;
    private final int threshold;
    private final Supplier<Future<?>> rediscover;
    private final AtomicInteger failuresInARow = new AtomicInteger();

    public RediscoveringNefClient(AsSessionWithQosClient nef, int threshold, Supplier<Future<?>> rediscover) {
        this.nef = Objects.requireNonNull(nef, "nef == null");
        this.rediscover = Objects.requireNonNull(rediscover, "rediscover == null");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be >= 1");
        }
        this.threshold = threshold;
    }

    @Override
    public Future<NefSubscription> create(AsSessionWithQoSSubscription subscription) {
        return watched(nef.create(subscription));
    }

    @Override
    public Future<AsSessionWithQoSSubscription> read(URI subscription) {
        return watched(nef.read(subscription));
    }

    @Override
    public Future<List<NefSubscription>> list(Optional<String> ueIpAddress) {
        return watched(nef.list(ueIpAddress));
    }

    @Override
    public Future<Optional<AsSessionWithQoSSubscription>> replace(URI subscription, AsSessionWithQoSSubscription body) {
        return watched(nef.replace(subscription, body));
    }

    @Override
    public Future<Optional<AsSessionWithQoSSubscription>> modify(URI subscription, ObjectNode mergePatch) {
        return watched(nef.modify(subscription, mergePatch));
    }

    @Override
    public Future<Optional<UserPlaneNotificationData>> delete(URI subscription) {
        return watched(nef.delete(subscription));
    }

    @Override
    public String negotiatedFeatures() {
        return nef.negotiatedFeatures();
    }

    /** Consecutive calls without an answer so far. */
    int failuresInARow() {
        return failuresInARow.get();
    }

    private <T> Future<T> watched(Future<T> call) {
        return call.andThen(ar -> {
            if (ar.succeeded() || !(ar.cause() instanceof NefUnavailableException u)) {
                failuresInARow.set(0); // an answer, even a refusal, says the NEF is there
                return;
            }
            if (u.reason() == NefUnavailableException.Reason.NO_TOKEN) {
                return;
            }
            if (failuresInARow.incrementAndGet() >= threshold) {
                failuresInARow.set(0);
                rediscover.get();
            }
        });
    }
}
