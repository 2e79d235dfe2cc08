package io.modelqos.crash;

import io.modelqos.af.nef.AsSessionWithQosClient;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;

import java.net.URI;
import java.util.Optional;

/**
 * The AF's NEF client with a crash point: at the n-th crossing of the chosen point it prints
 * {@code CRASHPOINT <point> <detail>} and stops the AF's event loop dead, so that the test kills the process
 * (SIGKILL) in exactly that state. The points:
 * <ul>
 *   <li>{@code before-nef-create}: the delivery is stored (NEGOTIATING), the NEF has not been asked;</li>
 *   <li>{@code after-nef-create}: the NEF answered 201, the store does not know the subscription yet;</li>
 *   <li>{@code after-nef-delete}: the NEF deleted the subscription, the store still has the release pending.</li>
 * </ul>
 */
final class CrashingNefClient extends io.modelqos.conformance.nef.ForwardingNefClient {
    private final CrashPoint crash;

    CrashingNefClient(AsSessionWithQosClient delegate, CrashPoint crash) {
        super(delegate);
        this.crash = crash;
    }

    private void maybeCrash(String here, Object detail) {
        crash.maybeCrash(here, detail);
    }

    @Override
    public Future<NefSubscription> create(AsSessionWithQoSSubscription subscription) {
        maybeCrash("before-nef-create", subscription.getNotificationDestination());
        return delegate.create(subscription).map(created -> {
            maybeCrash("after-nef-create", created.uri());
            return created;
        });
    }





    @Override
    public Future<Optional<UserPlaneNotificationData>> delete(URI subscription) {
        return delegate.delete(subscription).map(report -> {
            maybeCrash("after-nef-delete", subscription);
            return report;
        });
    }

}
