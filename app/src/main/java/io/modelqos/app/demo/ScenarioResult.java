package io.modelqos.app.demo;

import io.modelqos.qos.BitRate;
import io.modelqos.client.model.BestOffer;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.EventType;
import io.modelqos.client.model.NegotiationAttempt;

import java.time.Duration;
import java.util.List;

/**
 * One scenario as it ran: the prediction, what the AF answered, the bytes moved and the checks.
 *
 * @param scenario          the scenario
 * @param prediction        the capacity model's prediction, made before the AF was asked
 * @param cell              the emulator cell of the scenario's UE
 * @param grantableReported the rate the emulator itself said it could grant the UE just before the request
 * @param episode           the QoS degradation planned for this scenario, or null
 * @param answer            what the AF answered the create
 * @param transfer          the bytes moved, or null when nothing was admitted
 * @param delivery          the delivery as the AF reported it after the final progress report, or null
 * @param events            the types of the delivery's events, in order
 * @param released          whether no GBR and no NEF subscription were left once the scenario ended
 * @param mismatches        every way the scenario differed from the prediction; empty when it behaved as predicted
 */
public record ScenarioResult(DemoScenario scenario, Prediction prediction, int cell, long grantableReported,
                             PlannedEpisode episode, Answer answer, Transfer transfer, Delivery delivery,
                             List<EventType> events, boolean released, List<String> mismatches) {

    public ScenarioResult {
        events = List.copyOf(events);
        mismatches = List.copyOf(mismatches);
    }

    /**
     * A degradation episode planned for a scenario.
     *
     * @param startAfterMs     after admission
     * @param durationMs       how long the QoS is not guaranteed
     * @param degradedGbr      the rate the network delivers during it (predicted)
     * @param toAlternative    whether that is a lower alternative the AF offered (else granted x rate factor)
     */
    public record PlannedEpisode(long startAfterMs, long durationMs, BitRate degradedGbr, boolean toAlternative) {
    }

    /**
     * The AF's answer to the create.
     *
     * @param outcome      granted, fallback or rejected
     * @param deliveryId   the delivery id (also for a rejected one, when the AF named it)
     * @param variantId    the variant the network carries (null when rejected)
     * @param gbrDl        the granted GBR in 3GPP text form (null when rejected)
     * @param negotiation  the AF's negotiation attempts, as far as the answer showed them
     * @param bestOffer    the network's best offer (rejected only)
     * @param detail       the problem detail of a rejection
     * @param createNanos  how long the create took (QoS negotiation and resource allocation)
     */
    public record Answer(Prediction.Outcome outcome, String deliveryId, String variantId, String gbrDl,
                         List<NegotiationAttempt> negotiation, BestOffer bestOffer, String detail, long createNanos) {
        public Answer {
            negotiation = negotiation == null ? List.of() : List.copyOf(negotiation);
        }
    }

    /**
     * The bytes moved through the shaped link.
     *
     * @param bytes             bytes sent
     * @param elapsedNanos      the model server's measurement: from the UE's request to its receipt
     * @param ueElapsedNanos    the UE's measurement: from connecting to the last byte
     * @param intact            whether the UE received every byte with the right CRC-32
     * @param pacedPayloadBps   the payload rate of the link: granted GBR / transport overhead
     * @param degradedPayloadBps the payload rate during the degradation episode, or null when there was none
     * @param machineLimited    whether the paced rate exceeds what this machine's loopback carries unshaped
     * @param senderMaxLagNanos how far the model server fell behind the link's schedule at worst (this machine's
     *                          scheduling; the shaper lets it catch up by up to 100 ms)
     */
    public record Transfer(long bytes, long elapsedNanos, long ueElapsedNanos, boolean intact, double pacedPayloadBps,
                           Double degradedPayloadBps, boolean machineLimited, long senderMaxLagNanos) {

        public Duration elapsed() {
            return Duration.ofNanos(elapsedNanos);
        }
    }

    /** Whether the scenario behaved as the prediction said. */
    public boolean asPredicted() {
        return mismatches.isEmpty();
    }

    /** Whether the measured transfer fitted the budget; null when there was no transfer. */
    public Boolean withinBudget() {
        return transfer == null ? null : transfer.elapsedNanos() <= scenario.budget().toNanos();
    }

    /** The achieved availability the AF reported, or null when there was no delivery to account. */
    public Double availability() {
        return delivery == null || delivery.achieved() == null ? null : delivery.achieved().availability();
    }

    /** Milliseconds the AF counted the QoS as not guaranteed. */
    public long qosNotGuaranteedMs() {
        return delivery == null || delivery.achieved() == null || delivery.achieved().qosNotGuaranteedMs() == null
                ? 0 : delivery.achieved().qosNotGuaranteedMs();
    }
}
