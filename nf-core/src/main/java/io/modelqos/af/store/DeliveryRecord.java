package io.modelqos.af.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.modelqos.af.delivery.AvailabilityAccount;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.GrantedQos;
import io.modelqos.af.delivery.NegotiationAttempt;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.delivery.PlannedOption;
import io.modelqos.af.delivery.RateAccount;
import io.modelqos.af.delivery.RequestedQos;
import io.modelqos.af.json.AfJson;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.af.problem.ProblemKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * A {@link Delivery} as a store keeps it: every field the AF needs after a restart, as a plain JSON document
 * (nulls left out). {@code v} is the record's format version; readers ignore members they do not know, so a
 * newer AF can add fields without breaking an older one reading the same file.
 *
 * <p>{@code rateReportPeriodS}: absent when the delivery is not monitored, and in records written before the AF capped
 * monitoring (such a delivery, resumed, holds no monitoring slot).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryRecord(int v, String id, String tenant, DeliveryRequest request, String callbackId,
                             Instant createdAt, DeliveryState state, RequestedQos requested, GrantedQos granted,
                             List<PlannedOption> options, List<NegotiationAttempt> negotiation,
                             Availability availability, Rate rate, String nefSubscription, Instant expiresAt,
                             Instant endedAt, String failureCause, boolean releasePending, Problem creationProblem,
                             Instant startBy, Integer rateReportPeriodS) {

    /** The current format version. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = AfJson.withGeneratedAccessors(new ObjectMapper())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    /** The JSON mapper stores use for records and events (ISO instants, unknown members ignored). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The availability account's raw figures. */
    public record Availability(long guaranteedMs, long notGuaranteedMs, Instant since, boolean guaranteed,
                               boolean running) {
    }

    /** The rate account's raw figures ({@code started}: absent from records written before start windows). */
    public record Rate(long progressBytes, long progressElapsedMs, boolean complete, long monitoredSamples,
                       double monitoredMeanBps, long lastMonitoredBps, NetworkUsage usage, boolean started) {
    }

    /** Why a create failed, so that a repeat with the same Idempotency-Key after a restart gets the same answer. */
    public record Problem(ProblemKind kind, String detail, BestOffer bestOffer) {
        static Problem of(AfProblem p) {
            return p == null ? null : new Problem(p.kind(), p.detail(), p.bestOffer());
        }

        AfProblem toProblem() {
            return switch (kind) {
                case UNPROCESSABLE -> AfProblem.unprocessable(detail, bestOffer);
                case PEER_UNAVAILABLE -> AfProblem.peerUnavailable(detail, null);
                case PEER_TIMEOUT -> AfProblem.peerTimeout(detail, null);
                case SERVICE_UNAVAILABLE -> AfProblem.serviceUnavailable(detail);
                case CONFLICT -> AfProblem.conflict(detail);
                case NOT_FOUND -> AfProblem.notFound(detail);
                default -> AfProblem.internal(detail, null);
            };
        }
    }

    public static DeliveryRecord of(Delivery d) {
        AvailabilityAccount a = d.availability();
        RateAccount r = d.rate();
        return new DeliveryRecord(VERSION, d.id(), d.tenant(), d.request(), d.callbackId(), d.createdAt(), d.state(),
                d.requested(), d.granted(), d.options(), d.negotiation(),
                new Availability(a.accruedGuaranteedMs(), a.accruedNotGuaranteedMs(), a.since(), a.guaranteedFlag(),
                        a.running()),
                new Rate(r.progressBytes(), r.progressElapsedMs(), r.complete(), r.monitoredSamples(),
                        r.monitoredMeanBps(), r.lastMonitoredBps(), r.usage(), r.startedFlag()),
                d.nefSubscriptionText(), d.expiresAt(), d.endedAt(), d.failureCause() == null ? null : d.failureCause().name(), d.releasePending(),
                Problem.of(d.creationProblem()), d.startBy(), d.rateReportPeriodS() == 0 ? null : d.rateReportPeriodS());
    }

    public Delivery toDelivery() {
        Availability a = availability == null ? new Availability(0, 0, null, false, false) : availability;
        Rate r = rate == null ? new Rate(0, 0, false, 0, 0, 0, null, false) : rate;
        Delivery d = Delivery.restore(id, tenant, request, callbackId, createdAt, state,
                negotiation == null ? List.of() : negotiation,
                AvailabilityAccount.restore(a.guaranteedMs(), a.notGuaranteedMs(), a.since(), a.guaranteed(), a.running()),
                RateAccount.restore(r.progressBytes(), r.progressElapsedMs(), r.complete(), r.started(),
                        r.monitoredSamples(), r.monitoredMeanBps(), r.lastMonitoredBps(), r.usage()));
        d.requested(requested);
        d.granted(granted);
        d.options(options == null ? List.of() : options);
        d.nefSubscriptionText(nefSubscription);
        d.expiresAt(expiresAt);
        d.startBy(startBy);
        d.endedAt(endedAt);
        d.failureCause(io.modelqos.af.delivery.FailureCause.ofName(failureCause));
        d.releasePending(releasePending);
        d.creationProblem(creationProblem == null ? null : creationProblem.toProblem());
        d.rateReportPeriodS(rateReportPeriodS == null ? 0 : rateReportPeriodS);
        return d;
    }

    /** The record's JSON, as {@link #mapper()} writes it (written member by member: {@link DeliveryRecordWriter}). */
    public byte[] toJson() {
        return DeliveryRecordWriter.write(this);
    }

    public static DeliveryRecord fromJson(byte[] json) {
        try {
            return MAPPER.readValue(json, DeliveryRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable delivery record", e);
        }
    }

    /** An instant as nanoseconds since the epoch: the stores' sort key for creation and end times. */
    static long epochNanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    /** Whether the delivery still needs the AF: not final, or its NEF subscription still has to be released. */
    public static boolean isLive(Delivery d) {
        return !d.state().isFinal() || d.releasePending();
    }
}
