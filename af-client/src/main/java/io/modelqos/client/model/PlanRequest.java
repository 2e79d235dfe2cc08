package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelqos.client.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * A dry-run request: the QoS plan the AF would ask the network for, without asking. Build one with
 * {@link #builder()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanRequest(ModelSpec model, long latencyBudgetMs, Double availability,
                          NegotiationPolicy negotiation, String nefSupportedFeatures, Long startWindowMs) {

    /** A request that leaves the start window to the AF's default. */
    public PlanRequest(ModelSpec model, long latencyBudgetMs, Double availability, NegotiationPolicy negotiation,
                       String nefSupportedFeatures) {
        this(model, latencyBudgetMs, availability, negotiation, nefSupportedFeatures, null);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a plan request's values; {@link #build()} checks them all. Not thread-safe. */
    public static final class Builder {
        private ModelSpec model;
        private Duration latencyBudget;
        private Double availability;
        private Boolean allowVariantFallback;
        private Duration maxLatencyBudget;
        private String nefSupportedFeatures;
        private Duration startWindow;

        private Builder() {
        }

        /** The model and its variants (required). */
        public Builder model(ModelSpec model) {
            this.model = Objects.requireNonNull(model, "model == null");
            return this;
        }

        /** A model from the catalogue, with its FP32 and INT8 variants. */
        public Builder model(ModelCatalog model) {
            return model(Objects.requireNonNull(model, "model == null").spec());
        }

        /** The time within which the whole model must arrive, 1 ms to 1 h (required). */
        public Builder latencyBudget(Duration latencyBudget) {
            this.latencyBudget = Objects.requireNonNull(latencyBudget, "latencyBudget == null");
            return this;
        }

        /** The availability target as a fraction, at least 0.5 and below 1. */
        public Builder availability(double availability) {
            this.availability = availability;
            return this;
        }

        /** Whether the AF may plan a smaller variant when the preferred one does not fit. */
        public Builder allowVariantFallback(boolean allowVariantFallback) {
            this.allowVariantFallback = allowVariantFallback;
            return this;
        }

        /** The longest budget accepted when the requested one cannot be met; not shorter than it. */
        public Builder maxLatencyBudget(Duration maxLatencyBudget) {
            this.maxLatencyBudget = Objects.requireNonNull(maxLatencyBudget, "maxLatencyBudget == null");
            return this;
        }

        /** The start window to plan with (see {@link DeliveryRequest.Builder#startWindow}); the AF's default if unset. */
        public Builder startWindow(Duration startWindow) {
            this.startWindow = Objects.requireNonNull(startWindow, "startWindow == null");
            return this;
        }

        /** The NEF's supported features (hex bitmask) to plan for; the AF's configured NEF's by default. */
        public Builder nefSupportedFeatures(String nefSupportedFeatures) {
            this.nefSupportedFeatures = Objects.requireNonNull(nefSupportedFeatures, "nefSupportedFeatures == null");
            return this;
        }

        /**
         * The request, once every value passed the contract's rules.
         *
         * @throws IllegalStateException when a required value is missing
         * @throws IllegalArgumentException when a value breaks a rule; the message names the field
         */
        public PlanRequest build() {
            Checks.required(model, "model").validate("model");
            long budgetMs = RequestRules.budgetMs(Checks.required(latencyBudget, "latencyBudget"), "latencyBudget");
            RequestRules.checkAvailability(availability);
            NegotiationPolicy negotiation =
                    RequestRules.negotiation(allowVariantFallback, maxLatencyBudget, budgetMs);
            if (nefSupportedFeatures != null) {
                Checks.matching(Checks.SUPPORTED_FEATURES, nefSupportedFeatures, "nefSupportedFeatures");
            }
            return new PlanRequest(model, budgetMs, availability, negotiation, nefSupportedFeatures,
                    RequestRules.startWindowMs(startWindow));
        }
    }
}
