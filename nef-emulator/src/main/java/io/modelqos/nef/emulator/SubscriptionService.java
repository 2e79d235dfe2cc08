package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.InvalidParam;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The six AsSessionWithQoS operations, without HTTP: the T8 checks, feature negotiation, the
 * subscription representation and PATCH rules; admission, bookkeeping and the session lifecycle
 * are the shared {@link Sessions}. Problems are thrown as {@link ApiException}. Runs on the
 * emulator's event loop.
 */
final class SubscriptionService {

    private final EmulatorOptions options;
    private final Sessions sessions;
    private final Set<String> patchable;
    private final Supplier<String> apiRoot;

    SubscriptionService(EmulatorOptions options, Sessions sessions, Set<String> patchable, Supplier<String> apiRoot) {
        this.options = options;
        this.sessions = sessions;
        this.patchable = patchable;
        this.apiRoot = apiRoot;
    }

    /** Creates and admits a subscription; 400 for a bad request, 403 when no QoS fits. */
    Session create(String scsAsId, ObjectNode body) {
        AsSessionWithQoSSubscription typed = typed(body);
        SemanticChecks.check(typed);
        String negotiated = typed.getSupportedFeatures() == null ? null
                : SupportedFeatures.parse(typed.getSupportedFeatures())
                        .intersect(SupportedFeatures.parse(options.getSupportedFeatures())).toHex();
        SessionTerms terms = T8Face.terms(typed, candidates(typed, negotiated));
        String id = Sessions.newId();
        String self = selfOf(scsAsId, id);
        ObjectNode resource = body.deepCopy();
        resource.remove("self");
        if (negotiated != null) {
            resource.put("supportedFeatures", negotiated);
        }
        resource.put("self", self);
        return sessions.open(T8Face.INSTANCE, scsAsId, id, self, resource, terms, null);
    }

    Session read(String scsAsId, String id) {
        return sessions.find(T8Face.INSTANCE, scsAsId, id).orElseThrow(() -> notFound(scsAsId, id));
    }

    List<Session> list(String scsAsId, ListFilter filter) {
        List<Session> out = new ArrayList<>();
        for (Session sub : sessions.list(T8Face.INSTANCE, scsAsId)) {
            if (filter.matches(typed(sub.resource()))) {
                out.add(sub);
            }
        }
        return out;
    }

    /** PUT: a new full representation; re-admitted, the old QoS stays if the new one does not fit (403). */
    Session replace(String scsAsId, String id, ObjectNode body) {
        Session sub = read(scsAsId, id);
        return update(sub, body.deepCopy());
    }

    /** PATCH: RFC 7396 merge of the patchable attributes, then as {@link #replace}. */
    Session modify(String scsAsId, String id, ObjectNode patch) {
        Session sub = read(scsAsId, id);
        List<InvalidParam> notPatchable = new ArrayList<>();
        Iterator<String> names = patch.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!patchable.contains(name)) {
                notPatchable.add(new InvalidParam().param("/" + name)
                        .reason(name + " cannot be modified with PATCH (not in AsSessionWithQoSSubscriptionPatch)"));
            }
        }
        if (!notPatchable.isEmpty()) {
            throw ApiException.badRequest(ApiException.OPTIONAL_IE_INCORRECT, "attributes that PATCH cannot change",
                    notPatchable);
        }
        JsonNode merged = MergePatch.apply(sub.resource(), patch);
        return update(sub, (ObjectNode) merged);
    }

    /** Deletes; the final usage report for a 200 answer. */
    UserPlaneNotificationData delete(String scsAsId, String id) {
        Session sub = sessions.close(T8Face.INSTANCE, scsAsId, id).orElseThrow(() -> notFound(scsAsId, id));
        return T8Face.finalReport(sub, sub.usage.accumulatedUsage(System.nanoTime()));
    }

    private Session update(Session sub, ObjectNode body) {
        body.remove("self");
        AsSessionWithQoSSubscription typed = typed(body);
        SemanticChecks.check(typed);
        String negotiated = sub.resource().hasNonNull("supportedFeatures")
                ? sub.resource().get("supportedFeatures").asText() : null;
        if (negotiated != null) {
            body.put("supportedFeatures", negotiated);
        } else {
            body.remove("supportedFeatures");
        }
        SessionTerms terms = T8Face.terms(typed, candidates(typed, negotiated));
        body.put("self", sub.self);
        return sessions.update(sub, body, terms, null);
    }

    private List<AdmissionControl.Candidate> candidates(AsSessionWithQoSSubscription typed, String negotiated) {
        boolean enforce = options.isEnforceFeatureNegotiation();
        return sessions.admission().candidates(typed,
                !enforce || negotiated(negotiated, NefFeature.ALTERNATIVE_QOS_5G),
                !enforce || negotiated(negotiated, NefFeature.ALT_QOS_WITH_IND_PARAMS_5G));
    }

    /** Whether {@code feature} is in the negotiated mask; no mask (the AF sent none) means no feature. */
    private static boolean negotiated(String negotiated, NefFeature feature) {
        return negotiated != null && SupportedFeatures.parse(negotiated).supports(feature);
    }

    private String selfOf(String scsAsId, String id) {
        return apiRoot.get() + ApiContract.BASE_PATH + "/" + URLEncoder.encode(scsAsId, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/subscriptions/" + id;
    }

    static AsSessionWithQoSSubscription typed(ObjectNode body) {
        try {
            return T8Json.mapper().convertValue(body, AsSessionWithQoSSubscription.class);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, "the body is not an AsSessionWithQoSSubscription: "
                    + e.getMessage(), List.of());
        }
    }

    private static ApiException notFound(String scsAsId, String id) {
        return ApiException.notFound("no subscription " + id + " for " + scsAsId);
    }
}
