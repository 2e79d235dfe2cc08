package io.modelqos.af.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The AF's consumer of the NEF's AsSessionWithQoS API (3GPP TS 29.122 clause 5.14, Nnef / T8). A
 * subscription is identified by its resource URI, as the NEF gave it in the {@code Location} header.
 *
 * <p>Failures: {@link NefProblemException} when the NEF answered with an error (its ProblemDetails parsed,
 * {@code acceptableServInfo} included on 403); {@link NefUnavailableException} when no usable answer came
 * (connection refused or reset, timeout, retries exhausted). A create is never left half-made: when its
 * outcome is unknown the client finds out from the NEF before it retries or fails.
 */
public interface AsSessionWithQosClient {

    /** POST {scsAsId}/subscriptions: 201 with the subscription and its URI. */
    Future<NefSubscription> create(AsSessionWithQoSSubscription subscription);

    /** GET on the subscription's URI. */
    Future<AsSessionWithQoSSubscription> read(URI subscription);

    /** GET {scsAsId}/subscriptions, optionally only those of one UE IP address (the {@code ip-addrs} query). */
    Future<List<NefSubscription>> list(Optional<String> ueIpAddress);

    /** PUT on the subscription's URI: the NEF's new representation when it sent one (200), empty on 204. */
    Future<Optional<AsSessionWithQoSSubscription>> replace(URI subscription, AsSessionWithQoSSubscription body);

    /**
     * PATCH on the subscription's URI with an RFC 7396 merge patch ({@code application/merge-patch+json});
     * a JSON null in the patch removes that attribute.
     */
    Future<Optional<AsSessionWithQoSSubscription>> modify(URI subscription, ObjectNode mergePatch);

    /**
     * DELETE on the subscription's URI. Any 2xx means the NEF deleted it: the answer is the NEF's final report when it
     * sent one (200 with UserPlaneNotificationData), else empty (204, or a body that is not a report: ignored).
     */
    Future<Optional<UserPlaneNotificationData>> delete(URI subscription);

    /** The features both sides support, known after the first successful create (null before). */
    String negotiatedFeatures();
}
