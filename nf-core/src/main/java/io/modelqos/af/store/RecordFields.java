package io.modelqos.af.store;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The member names of a stored delivery record, each encoded once: the record is written several times per delivery,
 * and Jackson encodes a name given as a {@code String} character by character on every write.
 */
final class RecordFields {
    static final SerializedString ACCEPTABLE_RATE = new SerializedString("acceptableRate");
    static final SerializedString ACCURACY = new SerializedString("accuracy");
    static final SerializedString ALLOW_VARIANT_FALLBACK = new SerializedString("allowVariantFallback");
    static final SerializedString ALT_QOS_PARAM_SET_REF = new SerializedString("altQosParamSetRef");
    static final SerializedString ATTEMPT = new SerializedString("attempt");
    static final SerializedString AVAILABILITY = new SerializedString("availability");
    static final SerializedString BEST_OFFER = new SerializedString("bestOffer");
    static final SerializedString BY_REFERENCE = new SerializedString("byReference");
    static final SerializedString CALLBACK_ID = new SerializedString("callbackId");
    static final SerializedString CAUSE = new SerializedString("cause");
    static final SerializedString COMPLETE = new SerializedString("complete");
    static final SerializedString CREATED_AT = new SerializedString("createdAt");
    static final SerializedString CREATION_PROBLEM = new SerializedString("creationProblem");
    static final SerializedString DETAIL = new SerializedString("detail");
    static final SerializedString DOWNLINK_VOLUME = new SerializedString("downlinkVolume");
    static final SerializedString DURATION_S = new SerializedString("durationS");
    static final SerializedString ENDED_AT = new SerializedString("endedAt");
    static final SerializedString EXPECTED_TRANSFER_MS = new SerializedString("expectedTransferMs");
    static final SerializedString EXPIRES_AT = new SerializedString("expiresAt");
    static final SerializedString FAILURE_CAUSE = new SerializedString("failureCause");
    static final SerializedString GBR_DL = new SerializedString("gbrDl");
    static final SerializedString GBR_DL_BPS = new SerializedString("gbrDlBps");
    static final SerializedString GPSI = new SerializedString("gpsi");
    static final SerializedString GRANTED = new SerializedString("granted");
    static final SerializedString GUARANTEED = new SerializedString("guaranteed");
    static final SerializedString GUARANTEED_MS = new SerializedString("guaranteedMs");
    static final SerializedString ID = new SerializedString("id");
    static final SerializedString IPV4_ADDR = new SerializedString("ipv4Addr");
    static final SerializedString IPV6_ADDR = new SerializedString("ipv6Addr");
    static final SerializedString KIND = new SerializedString("kind");
    static final SerializedString LAST_MONITORED_BPS = new SerializedString("lastMonitoredBps");
    static final SerializedString LATENCY_BUDGET_MS = new SerializedString("latencyBudgetMs");
    static final SerializedString MAX_LATENCY_BUDGET_MS = new SerializedString("maxLatencyBudgetMs");
    static final SerializedString MODEL_NAME = new SerializedString("modelName");
    static final SerializedString MONITORED_MEAN_BPS = new SerializedString("monitoredMeanBps");
    static final SerializedString MONITORED_SAMPLES = new SerializedString("monitoredSamples");
    static final SerializedString NEF_SUBSCRIPTION = new SerializedString("nefSubscription");
    static final SerializedString NEGOTIATION = new SerializedString("negotiation");
    static final SerializedString NOTIFICATION_TOKEN = new SerializedString("notificationToken");
    static final SerializedString NOTIFICATION_URI = new SerializedString("notificationUri");
    static final SerializedString NOT_GUARANTEED_MS = new SerializedString("notGuaranteedMs");
    static final SerializedString OPTIONS = new SerializedString("options");
    static final SerializedString OUTCOME = new SerializedString("outcome");
    static final SerializedString PAYLOAD_RATE = new SerializedString("payloadRate");
    static final SerializedString PORT = new SerializedString("port");
    static final SerializedString PRECISION = new SerializedString("precision");
    static final SerializedString PROGRESS_BYTES = new SerializedString("progressBytes");
    static final SerializedString PROGRESS_ELAPSED_MS = new SerializedString("progressElapsedMs");
    static final SerializedString QOS_DURATION_S = new SerializedString("qosDurationS");
    static final SerializedString QOS_REFERENCE = new SerializedString("qosReference");
    static final SerializedString RATE = new SerializedString("rate");
    static final SerializedString RATE_REPORT_PERIOD_S = new SerializedString("rateReportPeriodS");
    static final SerializedString REF = new SerializedString("ref");
    static final SerializedString RELEASE_PENDING = new SerializedString("releasePending");
    static final SerializedString REQUEST = new SerializedString("request");
    static final SerializedString REQUESTED = new SerializedString("requested");
    static final SerializedString RUNNING = new SerializedString("running");
    static final SerializedString SERVER = new SerializedString("server");
    static final SerializedString SINCE = new SerializedString("since");
    static final SerializedString SIZE_BYTES = new SerializedString("sizeBytes");
    static final SerializedString STARTED = new SerializedString("started");
    static final SerializedString START_BY = new SerializedString("startBy");
    static final SerializedString START_WINDOW_MS = new SerializedString("startWindowMs");
    static final SerializedString STATE = new SerializedString("state");
    static final SerializedString TENANT = new SerializedString("tenant");
    static final SerializedString TOTAL_VOLUME = new SerializedString("totalVolume");
    static final SerializedString UE = new SerializedString("ue");
    static final SerializedString UPLINK_VOLUME = new SerializedString("uplinkVolume");
    static final SerializedString USAGE = new SerializedString("usage");
    static final SerializedString V = new SerializedString("v");
    static final SerializedString VARIANTS = new SerializedString("variants");
    static final SerializedString VARIANT_ID = new SerializedString("variantId");

    private RecordFields() {
    }
}
