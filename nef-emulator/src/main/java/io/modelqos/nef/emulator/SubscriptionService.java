package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.InvalidParam;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The six AsSessionWithQoS operations, without HTTP: checks, feature negotiation, admission,
 * bookkeeping and the session lifecycle. Problems are thrown as {@link ApiException}. Runs on the
 * emulator's event loop.
 */
final class SubscriptionService {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);

    private final EmulatorOptions options;
    private final SubscriptionRegistry registry;
    private final CapacityModel capacity;
    private final AdmissionControl admission;
    private final FaultInjector faults;
    private final Set<String> patchable;
    private final Supplier<String> apiRoot;
    private SessionSimulator simulator;

    SubscriptionService(EmulatorOptions options, SubscriptionRegistry registry, CapacityModel capacity,
                        AdmissionControl admission, FaultInjector faults, Set<String> patchable,
                        Supplier<String> apiRoot) {
        this.options = options;
        this.registry = registry;
        this.capacity = capacity;
        this.admission = admission;
        this.faults = faults;
        this.patchable = patchable;
        this.apiRoot = apiRoot;
    }

    void simulator(SessionSimulator simulator) {
        this.simulator = simulator;
    }

    /** Creates and admits a subscription; 400 for a bad request, 403 when no QoS fits. */
    Subscription create(String scsAsId, ObjectNode body) {
        AsSessionWithQoSSubscription typed = typed(body);
        SemanticChecks.check(typed);
        String negotiated = typed.getSupportedFeatures() == null ? null
                : SupportedFeatures.parse(typed.getSupportedFeatures())
                        .intersect(SupportedFeatures.parse(options.getSupportedFeatures())).toHex();
        List<AdmissionControl.Candidate> candidates = candidates(typed, negotiated);
        String id = UUID.randomUUID().toString();
        String ueKey = SemanticChecks.ueKey(typed);
        AdmissionControl.Decision decision = admission.admit(id, ueKey, candidates);
        if (!decision.admitted()) {
            throw rejection(decision, ueKey);
        }
        ObjectNode resource = body.deepCopy();
        resource.remove("self");
        if (negotiated != null) {
            resource.put("supportedFeatures", negotiated);
        }
        Subscription sub = new Subscription(id, scsAsId, selfOf(scsAsId, id), System.nanoTime(), faults.nextSessionSeed());
        sub.usage.limitDownlink(faults.downlinkBytesForNewSession());
        sub.resource(resource);
        sub.granted(decision.granted(), candidates);
        registry.add(sub);
        LOG.debug("created {} for {} (UE cell {}): {} granted from {}", id, scsAsId, capacity.cellOf(ueKey),
                Rates.forLog(decision.granted().gbrDl()), decision.granted().source());
        simulator.started(sub);
        return sub;
    }

    Subscription read(String scsAsId, String id) {
        return registry.find(scsAsId, id).orElseThrow(() -> notFound(scsAsId, id));
    }

    List<Subscription> list(String scsAsId, ListFilter filter) {
        List<Subscription> out = new ArrayList<>();
        for (Subscription sub : registry.list(scsAsId)) {
            if (filter.matches(sub.typed())) {
                out.add(sub);
            }
        }
        return out;
    }

    /** PUT: a new full representation; re-admitted, the old QoS stays if the new one does not fit (403). */
    Subscription replace(String scsAsId, String id, ObjectNode body) {
        Subscription sub = read(scsAsId, id);
        return update(sub, body.deepCopy());
    }

    /** PATCH: RFC 7396 merge of the patchable attributes, then as {@link #replace}. */
    Subscription modify(String scsAsId, String id, ObjectNode patch) {
        Subscription sub = read(scsAsId, id);
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
        Subscription sub = registry.remove(scsAsId, id).orElseThrow(() -> notFound(scsAsId, id));
        capacity.release(sub.id);
        simulator.stopped(sub);
        LOG.debug("deleted {} of {}", id, scsAsId);
        return Notifier.notification(sub, new UserPlaneEventReport().event(UserPlaneEvent.USAGE_REPORT)
                .accumulatedUsage(sub.usage.accumulatedUsage(System.nanoTime())));
    }

    /** qosDuration ran out: remove, free the capacity, then tell the AF (SESSION_TERMINATION). */
    void expire(Subscription sub) {
        if (registry.remove(sub.scsAsId, sub.id).isEmpty()) {
            return;
        }
        capacity.release(sub.id);
        simulator.stopped(sub);
        simulator.terminated(sub);
    }

    private Subscription update(Subscription sub, ObjectNode body) {
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
        List<AdmissionControl.Candidate> candidates = candidates(typed, negotiated);
        String ueKey = SemanticChecks.ueKey(typed);
        AdmissionControl.Decision decision = admission.admit(sub.id, ueKey, candidates);
        if (!decision.admitted()) {
            throw rejection(decision, ueKey);
        }
        boolean qosChanged = sub.allocationFailed() || !Objects.equals(sub.granted(), decision.granted())
                || !Objects.equals(sub.ueKey(), ueKey);
        boolean usageChanged = !Objects.equals(sub.typed().getUsageThreshold(), typed.getUsageThreshold());
        sub.resource(body);
        sub.granted(decision.granted(), candidates);
        LOG.debug("updated {} of {}: {} granted from {}{}", sub.id, sub.scsAsId, Rates.forLog(decision.granted().gbrDl()),
                decision.granted().source(), qosChanged ? " (QoS changed)" : "");
        simulator.changed(sub, qosChanged, usageChanged);
        return sub;
    }

    private List<AdmissionControl.Candidate> candidates(AsSessionWithQoSSubscription typed, String negotiated) {
        boolean enforce = options.isEnforceFeatureNegotiation();
        return admission.candidates(typed,
                !enforce || negotiated(negotiated, NefFeature.ALTERNATIVE_QOS_5G),
                !enforce || negotiated(negotiated, NefFeature.ALT_QOS_WITH_IND_PARAMS_5G));
    }

    /** Whether {@code feature} is in the negotiated mask; no mask (the AF sent none) means no feature. */
    private static boolean negotiated(String negotiated, NefFeature feature) {
        return negotiated != null && SupportedFeatures.parse(negotiated).supports(feature);
    }

    private ApiException rejection(AdmissionControl.Decision decision, String ueKey) {
        AdmissionControl.Candidate first = decision.candidates().get(0);
        LOG.debug("rejected {} for UE in cell {}: {} requested, {} grantable", first.source(), capacity.cellOf(ueKey),
                Rates.forLog(first.gbrDl()), Rates.forLog(decision.grantable()));
        return ApiException.notEnoughCapacity("not enough GBR capacity: " + first.gbrDl().toExactString() + " requested ("
                        + decision.candidates().size() + " option(s) tried), " + decision.grantable().toExactString()
                        + " grantable",
                decision.grantable(), options.getCapacity().getRejectRetryAfterSeconds());
    }

    private String selfOf(String scsAsId, String id) {
        return apiRoot.get() + T8Contract.BASE_PATH + "/" + URLEncoder.encode(scsAsId, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/subscriptions/" + id;
    }

    private static AsSessionWithQoSSubscription typed(ObjectNode body) {
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
