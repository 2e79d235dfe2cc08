package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelqos.client.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request for the delivery of a model to a UE within a latency budget; build one with
 * {@link #builder()}, which checks it against the contract's rules.
 *
 * <pre>{@code
 * DeliveryRequest request = DeliveryRequest.builder()
 *         .ue(UeId.ipv4("10.45.0.2"))
 *         .server(ModelServer.ipv4("10.0.0.10", 443))
 *         .model(ModelCatalog.RESNET_50)
 *         .latencyBudget(Duration.ofSeconds(1))
 *         .build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryRequest(UeId ue, ModelServer server, ModelSpec model, long latencyBudgetMs,
                              Double availability, NegotiationPolicy negotiation,
                              URI notificationUri, String notificationToken, Long startWindowMs) {

    /** A request that leaves the start window to the AF's default. */
    public DeliveryRequest(UeId ue, ModelServer server, ModelSpec model, long latencyBudgetMs, Double availability,
                           NegotiationPolicy negotiation, URI notificationUri, String notificationToken) {
        this(ue, server, model, latencyBudgetMs, availability, negotiation, notificationUri, notificationToken, null);
    }

    private static final Pattern VISIBLE_ASCII = Pattern.compile("^[\\x21-\\x7E]{1,4096}$");

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The latency budget as a duration. */
    public Duration latencyBudget() {
        return Duration.ofMillis(latencyBudgetMs);
    }

    /** Like the record's own, with the notification token left out. */
    @Override
    public String toString() {
        return "DeliveryRequest[ue=" + ue + ", server=" + server + ", model=" + model
                + ", latencyBudgetMs=" + latencyBudgetMs + ", availability=" + availability
                + ", negotiation=" + negotiation + ", notificationUri=" + notificationUri
                + ", notificationToken=" + (notificationToken == null ? "null" : "<redacted>")
                + ", startWindowMs=" + startWindowMs + "]";
    }

    /** Collects a delivery request's values; {@link #build()} checks them all. Not thread-safe. */
    public static final class Builder {
        private UeId ue;
        private ModelServer server;
        private ModelSpec model;
        private Duration latencyBudget;
        private Double availability;
        private Boolean allowVariantFallback;
        private Duration maxLatencyBudget;
        private URI notificationUri;
        private String notificationToken;
        private Duration startWindow;

        private Builder() {
        }

        /** The UE to deliver to (required). */
        public Builder ue(UeId ue) {
            this.ue = Objects.requireNonNull(ue, "ue == null");
            return this;
        }

        /** Where the model is sent from (required). */
        public Builder server(ModelServer server) {
            this.server = Objects.requireNonNull(server, "server == null");
            return this;
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

        /** The time within which the whole model must arrive, 1 ms to 1 h, in whole milliseconds (required). */
        public Builder latencyBudget(Duration latencyBudget) {
            this.latencyBudget = Objects.requireNonNull(latencyBudget, "latencyBudget == null");
            return this;
        }

        /** The availability target as a fraction, at least 0.5 and below 1 (0.99999 = 99.999 %). */
        public Builder availability(double availability) {
            this.availability = availability;
            return this;
        }

        /** Whether the AF may grant a smaller variant when the network cannot carry the preferred one. */
        public Builder allowVariantFallback(boolean allowVariantFallback) {
            this.allowVariantFallback = allowVariantFallback;
            return this;
        }

        /** The longest budget accepted when the network cannot meet the requested one; not shorter than it. */
        public Builder maxLatencyBudget(Duration maxLatencyBudget) {
            this.maxLatencyBudget = Objects.requireNonNull(maxLatencyBudget, "maxLatencyBudget == null");
            return this;
        }

        /**
         * The time the model server needs between the grant and its first byte, 0 to 1 h in whole milliseconds;
         * the AF's default (1 s unless configured otherwise) when not set. It is added to the session's
         * qosDuration; without a progress report within it (a report of 0 bytes will do) the AF releases the
         * session early and the delivery ends EXPIRED ({@link EndCause#NO_PROGRESS_IN_START_WINDOW}).
         * {@link Duration#ZERO}: no start window.
         */
        public Builder startWindow(Duration startWindow) {
            this.startWindow = Objects.requireNonNull(startWindow, "startWindow == null");
            return this;
        }

        /** Where the AF POSTs the delivery's events as CloudEvents (http or https). */
        public Builder notificationUri(URI notificationUri) {
            this.notificationUri = Objects.requireNonNull(notificationUri, "notificationUri == null");
            return this;
        }

        /** The token the AF sends back as {@code Authorization: Bearer <token>} with each event. */
        public Builder notificationToken(String notificationToken) {
            this.notificationToken = Objects.requireNonNull(notificationToken, "notificationToken == null");
            return this;
        }

        /**
         * The request, once every value passed the contract's rules.
         *
         * @throws IllegalStateException when a required value is missing
         * @throws IllegalArgumentException when a value breaks a rule; the message names the field
         */
        public DeliveryRequest build() {
            Checks.required(ue, "ue").validate("ue");
            Checks.required(server, "server").validate("server");
            Checks.required(model, "model").validate("model");
            long budgetMs = RequestRules.budgetMs(Checks.required(latencyBudget, "latencyBudget"), "latencyBudget");
            RequestRules.checkAvailability(availability);
            NegotiationPolicy negotiation =
                    RequestRules.negotiation(allowVariantFallback, maxLatencyBudget, budgetMs);
            if (notificationUri != null) {
                String scheme = notificationUri.getScheme() == null
                        ? "" : notificationUri.getScheme().toLowerCase(Locale.ROOT);
                Checks.check(notificationUri.isAbsolute() && (scheme.equals("http") || scheme.equals("https"))
                                && notificationUri.getHost() != null,
                        "notificationUri must be an absolute http or https URI with a host, was %s", notificationUri);
                Checks.check(notificationUri.toString().length() <= 2048,
                        "notificationUri must be at most 2048 characters");
            }
            if (notificationToken != null) {
                Checks.check(notificationUri != null, "notificationToken is set but notificationUri is not");
                Checks.check(VISIBLE_ASCII.matcher(notificationToken).matches(),
                        "notificationToken must be 1 to 4096 visible ASCII characters");
            }
            return new DeliveryRequest(ue, server, model, budgetMs, availability, negotiation,
                    notificationUri, notificationToken, RequestRules.startWindowMs(startWindow));
        }
    }
}
