package io.modelqos.nef.emulator;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link FaultOptions} in force: a route handler for latency, error answers and
 * connections dropped before the operation, plus the decisions taken later (drop after commit,
 * lose a notification, fail an allocation, degrade a session). One seeded RNG, so a run repeats.
 */
final class FaultInjector {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    private final Vertx vertx;
    private final long defaultSeed;
    private FaultOptions faults;
    private Random random;
    private final Map<Object, Integer> injections = new HashMap<>();

    FaultInjector(Vertx vertx, FaultOptions initial, long seed) {
        this.vertx = vertx;
        this.defaultSeed = seed;
        this.random = new Random(seed);
        apply(initial);
    }

    /** Replaces the faults in force; re-seeds the RNG when they carry a seed. */
    synchronized void apply(FaultOptions faults) {
        this.faults = faults == null ? FaultOptions.none() : faults;
        this.injections.clear();
        if (this.faults.getSeed() != null) {
            this.random = new Random(this.faults.getSeed());
        }
        LOG.info("faults in force: {}", describe(this.faults));
    }

    /** Back to no faults, RNG re-seeded with the emulator seed. */
    synchronized void clear() {
        apply(FaultOptions.none());
        random = new Random(defaultSeed);
    }

    synchronized FaultOptions current() {
        return faults;
    }

    /** Route handler run before the operation: latency, then an error or a dropped connection. */
    Handler<RoutingContext> before(Operation op) {
        return ctx -> {
            Integer latency = latencyOf(op);
            if (latency != null && latency > 0) {
                vertx.setTimer(latency, t -> injectOrContinue(op, ctx));
            } else {
                injectOrContinue(op, ctx);
            }
        };
    }

    private void injectOrContinue(Operation op, RoutingContext ctx) {
        if (drop(op, true)) {
            LOG.info("fault: {} connection closed before commit", op.jsonName());
            ctx.request().connection().close();
            return;
        }
        FaultOptions.ErrorFault error = error(op);
        if (error != null) {
            LOG.info("fault: {} answered {}", op.jsonName(), error.status());
            ApiException e = ApiException.of(error.status(), title(error.status()),
                    error.cause() != null ? error.cause() : defaultCause(error.status()), "injected fault");
            if (error.retryAfterSeconds() != null) {
                e.header("Retry-After", Integer.toString(error.retryAfterSeconds()));
            }
            ctx.fail(e);
            return;
        }
        ctx.next();
    }

    /** Whether to close the connection now that {@code op} took effect. */
    boolean dropAfterCommit(Operation op) {
        boolean drop = drop(op, false);
        if (drop) {
            LOG.info("fault: {} connection closed after commit", op.jsonName());
        }
        return drop;
    }

    synchronized boolean loseNotification() {
        return chance(faults.getNotificationLossProbability());
    }

    synchronized boolean failAllocation() {
        return chance(faults.getAllocationFailureProbability());
    }

    /** The degradation episode plan for a new session, or null for none. */
    synchronized FaultOptions.QosDegradation degradationForNewSession() {
        FaultOptions.QosDegradation d = faults.getQosDegradation();
        return d != null && chance(d.probability()) ? d : null;
    }

    /** The downlink bytes a new session carries at most, or null for no limit. */
    synchronized Long downlinkBytesForNewSession() {
        return faults.getDownlinkBytesPerSession();
    }

    /** A seed for a new session's own RNG (rate noise), drawn from the fault RNG. */
    synchronized long nextSessionSeed() {
        return random.nextLong();
    }

    private synchronized Integer latencyOf(Operation op) {
        return faults.getLatencyMs().get(op);
    }

    private synchronized boolean drop(Operation op, boolean beforeCommit) {
        FaultOptions.DropFault drop = faults.getDropConnection().get(op);
        if (drop == null) {
            return false;
        }
        double p = beforeCommit ? drop.beforeCommit() : drop.afterCommit();
        List<Object> key = List.of(op, beforeCommit);
        return p > 0 && underLimit(key, drop.maxCount()) && chance(p) && count(key);
    }

    private synchronized FaultOptions.ErrorFault error(Operation op) {
        List<FaultOptions.ErrorFault> errors = faults.getErrors().get(op);
        if (errors == null) {
            return null;
        }
        for (int i = 0; i < errors.size(); i++) {
            FaultOptions.ErrorFault e = errors.get(i);
            List<Object> key = List.of(op, i);
            if (underLimit(key, e.maxCount()) && chance(e.probability()) && count(key)) {
                return e;
            }
        }
        return null;
    }

    private boolean underLimit(Object key, Integer maxCount) {
        return maxCount == null || injections.getOrDefault(key, 0) < maxCount;
    }

    private boolean count(Object key) {
        injections.merge(key, 1, Integer::sum);
        return true;
    }

    private static String describe(FaultOptions faults) {
        try {
            return EmulatorOptions.json().writeValueAsString(faults);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return faults.toString();
        }
    }

    private boolean chance(double p) {
        return p > 0 && (p >= 1 || random.nextDouble() < p);
    }

    private static String title(int status) {
        return switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }

    /** TS 29.500 protocol-error causes. */
    private static String defaultCause(int status) {
        return switch (status) {
            case 429 -> "NF_CONGESTION_RISK";
            case 500 -> "SYSTEM_FAILURE";
            case 503 -> "NF_CONGESTION";
            case 504 -> "TIMED_OUT_REQUEST";
            default -> null;
        };
    }
}
