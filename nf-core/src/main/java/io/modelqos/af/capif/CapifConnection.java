package io.modelqos.af.capif;

import io.modelqos.af.config.CapifOptions;
import io.modelqos.af.nef.NefEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The AF's standing with a CAPIF core function, as an API invoker: {@link #connect()} reuses the onboarding kept in
 * the data directory or onboards with the configured onboarding token, discovers the exposing function that serves
 * the API, sets up the security context for it and gets a first access token. After that it is the source of the
 * NEF's tokens ({@link #tokens()}) and the place where the NEF's apiRoot moves ({@link #rediscover()}).
 *
 * <p>When CAPIF answers a call made with the onboarding's identity (discovery, security, token) with 401 or 404, the
 * onboarding was revoked or has expired: the AF logs it and, when an onboarding token is configured, onboards once
 * more and repeats the call once. Another re-onboarding only follows once the new onboarding has worked, so a CAPIF
 * that revokes at once cannot keep the AF onboarding in a loop.
 *
 * <p>Nothing here blocks an event loop: files and key generation run on a worker of the connection's own.
 */
public final class CapifConnection {
    private static final Logger LOG = LoggerFactory.getLogger(CapifConnection.class);

    private final io.vertx.core.WorkerExecutor worker;
    private final CapifApi api;
    private final CredentialFiles files;
    private final CapifOptions options;
    private final String notificationDestination;
    private final Clock clock;
    private final CapifAccessTokens tokens;
    private final List<Function<InvokerCredentials, Future<Void>>> credentialUsers = new ArrayList<>();
    private final AtomicInteger onboardings = new AtomicInteger();
    private final AtomicInteger discoveries = new AtomicInteger();

    private volatile InvokerCredentials credentials;
    private volatile AefChoice aef;
    private volatile NefEndpoint endpoint;
    private Future<InvokerCredentials> reonboarding; // guarded by this
    private boolean reonboardingAllowed = true;        // guarded by this
    private Future<AefChoice> rediscovery;             // guarded by this

    /**
     * @param dataDir                 the AF's data directory (credentials under {@value CredentialFiles#FOLDER}/)
     * @param notificationDestination where CAPIF may notify the AF (onboarding and security notifications)
     */
    public CapifConnection(Vertx vertx, CapifApi api, Path dataDir, CapifOptions options,
                           String notificationDestination, Clock clock) {
        // One worker of its own, started here (at start, off any event loop): a pool that starts a thread when an event
        // loop hands it work makes that event loop wait for the thread's start, tens of ms on a busy machine.
        this.worker = Objects.requireNonNull(vertx, "vertx == null").createSharedWorkerExecutor("modelqos-capif", 1);
        worker.executeBlocking(() -> null, false);
        this.api = Objects.requireNonNull(api, "api == null");
        this.files = new CredentialFiles(dataDir);
        this.options = Objects.requireNonNull(options, "options == null");
        this.notificationDestination = Objects.requireNonNull(notificationDestination, "notificationDestination");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.tokens = new CapifAccessTokens(this::fetchToken, clock);
    }

    /**
     * Runs {@code user} with the credentials now and whenever they change (e.g. to put the certificate on a client);
     * the connection waits for it before going on.
     */
    public CapifConnection whenCredentials(Function<InvokerCredentials, Future<Void>> user) {
        credentialUsers.add(user);
        return this;
    }

    /** Onboards (or reuses the kept onboarding), discovers, sets up security and gets a first token. */
    public Future<AefChoice> connect() {
        return worker.<Void>executeBlocking(() -> {
                    CapifApi.warmUp();
                    return null;
                }, false)
                .compose(v -> loadOrOnboard())
                .compose(c -> discoverAndTrust(Set.of(), true))
                .compose(chosen -> tokens.token().map(chosen));
    }

    /** The NEF's access tokens, from CAPIF. */
    public CapifAccessTokens tokens() {
        return tokens;
    }

    /** Where the NEF client sends creates; moved on re-discovery. Made from the first discovery. */
    public NefEndpoint endpoint(String scsAsId) {
        if (endpoint == null) {
            endpoint = NefEndpoint.of(aef.apiRoot(), scsAsId);
        }
        return endpoint;
    }

    public InvokerCredentials credentials() {
        return credentials;
    }

    public AefChoice aef() {
        return aef;
    }

    /** How many times the AF onboarded in this process (0 when it reused a kept onboarding throughout). */
    public int onboardings() {
        return onboardings.get();
    }

    /**
     * Discovers the API again, preferring another exposing function than the current one (which keeps failing);
     * concurrent callers share one discovery.
     */
    public synchronized Future<AefChoice> rediscover() {
        if (rediscovery != null) {
            return rediscovery;
        }
        AefChoice failing = aef;
        LOG.warn("CAPIF {}: the NEF at {} ({}) keeps failing; discovering {} again", api.root(),
                failing == null ? "?" : failing.apiRoot(), failing == null ? "?" : failing.aefId(),
                options.apiNameOrDefault());
        rediscovery = discoverAndTrust(failing == null ? Set.of() : Set.of(failing.aefId()), true)
                .onComplete(ar -> {
                    synchronized (this) {
                        rediscovery = null;
                    }
                    if (ar.failed()) {
                        LOG.error("CAPIF {}: discovering again failed, staying with {}: {}", api.root(),
                                failing == null ? "?" : failing.apiRoot(), ar.cause().getMessage());
                    }
                });
        return rediscovery;
    }

    /** What readiness shows: the invoker, CAPIF, the exposing function and the apiRoot in use. */
    public JsonObject status() {
        InvokerCredentials c = credentials;
        AefChoice a = aef;
        JsonObject status = new JsonObject().put("capifRoot", api.root().toString());
        if (c != null) {
            status.put("apiInvokerId", c.apiInvokerId());
            Instant expiry = c.certificateExpiry();
            if (expiry != null) {
                status.put("certificateExpiry", expiry.toString());
            }
        }
        if (a != null) {
            status.put("aefId", a.aefId()).put("apiRoot", a.apiRoot());
        }
        return status.put("onboardings", onboardings.get()).put("discoveries", discoveries.get());
    }

    /** Offboards at CAPIF and removes the kept credentials; nothing to do when the AF is not onboarded. */
    public Future<Boolean> offboard() {
        return stored().compose(kept -> {
            if (kept == null) {
                return Future.succeededFuture(false);
            }
            // Presented first: CAPIF knows the AF by its certificate on a TLS connection.
            return use(kept).compose(api::offboard).compose(v -> worker.executeBlocking(() -> {
                files.delete();
                return true;
            }, false)).onSuccess(v -> credentials = null);
        });
    }

    /** The kept credentials (null when none), read on a worker. */
    public Future<InvokerCredentials> stored() {
        return worker.executeBlocking(() -> files.read().orElse(null), false);
    }

    /** A PUT of the onboarding with a new key: CAPIF's new certificate, if it gives one, replaces the kept one. */
    public Future<InvokerCredentials> update() {
        return stored().compose(kept -> {
            if (kept == null) {
                return Future.failedFuture(new IllegalStateException("not onboarded: nothing to update"));
            }
            return use(kept).compose(c -> worker.executeBlocking(() -> InvokerKeys.generate(commonName()), false)).compose(keys ->
                    api.update(kept, keys.csrPem(), notificationDestination, options.invokerInformationOrDefault())
                            .map(cert -> cert.map(c -> new InvokerCredentials(kept.capifRoot(), kept.apiInvokerId(),
                                    kept.onboardingUri(), c, keys.privateKeyPem(), kept.onboardedAt())).orElse(kept)))
                    .compose(this::keep);
        });
    }

    // ------------------------------------------------------------------------------------------

    /** The kept onboarding when it is with this CAPIF, else a new one. */
    Future<InvokerCredentials> loadOrOnboard() {
        return stored().compose(kept -> {
            if (kept != null && sameRoot(kept)) {
                LOG.info("CAPIF {}: reusing the onboarding of API invoker {} kept in {}", api.root(),
                        kept.apiInvokerId(), files.dir());
                return use(kept);
            }
            if (kept != null) {
                LOG.warn("CAPIF {}: the onboarding kept in {} is with {}; onboarding with this one", api.root(),
                        files.dir(), kept.capifRoot());
            }
            return onboard();
        });
    }

    /** Onboards with the configured onboarding token; the credentials are kept before they are used. */
    public Future<InvokerCredentials> onboard() {
        if (!options.canOnboard()) {
            return Future.failedFuture(new CapifException(CapifException.Operation.ONBOARD, 0,
                    "the AF is not onboarded with CAPIF " + api.root() + " and no onboarding token is configured"
                            + " (capif.onboardingTokenFile, MODELQOS_CAPIF_ONBOARDING_TOKEN_FILE)", null));
        }
        return onboardingToken().compose(token -> worker.executeBlocking(() -> InvokerKeys.generate(commonName()), false)
                .compose(keys -> api.onboard(token, keys.csrPem(), notificationDestination,
                                options.invokerInformationOrDefault())
                        .map(o -> new InvokerCredentials(api.root(), o.apiInvokerId(), o.location(), o.certificatePem(),
                                keys.privateKeyPem(), clock.instant()))))
                .compose(this::keep)
                .onSuccess(c -> onboardings.incrementAndGet());
    }

    private Future<InvokerCredentials> keep(InvokerCredentials c) {
        return worker.<Void>executeBlocking(() -> {
            files.write(c);
            return null;
        }, false).compose(v -> use(c));
    }

    private Future<InvokerCredentials> use(InvokerCredentials c) {
        credentials = c;
        Future<Void> all = Future.succeededFuture();
        for (Function<InvokerCredentials, Future<Void>> user : credentialUsers) {
            all = all.compose(v -> user.apply(c));
        }
        return all.map(c);
    }

    private Future<String> onboardingToken() {
        if (options.onboardingToken() != null && !options.onboardingToken().isBlank()) {
            return Future.succeededFuture(options.onboardingToken().strip());
        }
        return worker.executeBlocking(() -> java.nio.file.Files.readString(Path.of(options.onboardingTokenFile())).strip(),
                        false)
                .recover(e -> Future.failedFuture(new CapifException(CapifException.Operation.ONBOARD, 0,
                        "capif.onboardingTokenFile: cannot read " + options.onboardingTokenFile(), e)));
    }

    private Future<AefChoice> discoverAndTrust(Collection<String> avoid, boolean recover) {
        String apiName = options.apiNameOrDefault();
        Future<List<DiscoveredApi>> discovered = recover
                ? onboarded(() -> api.discover(credentials.apiInvokerId(), apiName))
                : api.discover(credentials.apiInvokerId(), apiName);
        return discovered.compose(apis -> {
            discoveries.incrementAndGet();
            var choice = AefChoice.choose(apis, api.root().getScheme(), options.securityMethodsOrDefault(), avoid);
            if (choice.isEmpty()) {
                return Future.failedFuture(new CapifException(CapifException.Operation.DISCOVER, 200,
                        AefChoice.whyNone(apis, apiName), null));
            }
            AefChoice chosen = choice.get();
            Supplier<Future<java.util.Optional<String>>> trust = () -> api.trust(credentials.apiInvokerId(), chosen,
                    options.securityMethodsOrDefault(), notificationDestination);
            return (recover ? onboarded(trust) : trust.get()).map(selected -> {
                AefChoice previous = aef;
                aef = chosen;
                if (endpoint != null && (previous == null || !previous.apiRoot().equals(chosen.apiRoot()))) {
                    endpoint.moveTo(chosen.apiRoot());
                }
                tokens.forget();
                LOG.info("CAPIF {}: {} at exposing function {}, apiRoot {}", api.root(), apiName, chosen.aefId(),
                        chosen.apiRoot());
                return chosen;
            });
        });
    }

    private Future<IssuedToken> fetchToken() {
        return onboarded(() -> api.token(credentials.apiInvokerId(), scope()));
    }

    /** TS 29.222 clause 8.5.2.3: {@code 3gpp#{aefId}:{apiName}}. */
    String scope() {
        return "3gpp#" + aef.aefId() + ":" + options.apiNameOrDefault();
    }

    /** Runs {@code call}; when CAPIF says the onboarding is gone, onboards once more and runs it once more. */
    private <T> Future<T> onboarded(Supplier<Future<T>> call) {
        return call.get().andThen(ar -> {
            if (ar.succeeded()) {
                synchronized (this) {
                    reonboardingAllowed = true;
                }
            }
        }).recover(e -> {
            if (!(e instanceof CapifException c) || !c.revoked()) {
                return Future.failedFuture(e);
            }
            return reonboard(c).compose(fresh -> call.get());
        });
    }

    private synchronized Future<InvokerCredentials> reonboard(CapifException cause) {
        if (reonboarding != null) {
            return reonboarding;
        }
        String invoker = credentials == null ? "?" : credentials.apiInvokerId();
        if (!options.canOnboard()) {
            LOG.error("CAPIF {}: the onboarding of API invoker {} was revoked or has expired ({}), and no onboarding"
                    + " token is configured to onboard again", api.root(), invoker, cause.getMessage());
            return Future.failedFuture(cause);
        }
        if (!reonboardingAllowed) {
            LOG.error("CAPIF {}: API invoker {} is refused again right after onboarding ({}); not onboarding again"
                    + " until a call succeeds", api.root(), invoker, cause.getMessage());
            return Future.failedFuture(cause);
        }
        LOG.warn("CAPIF {}: the onboarding of API invoker {} was revoked or has expired ({}); onboarding once more",
                api.root(), invoker, cause.getMessage());
        reonboardingAllowed = false;
        reonboarding = onboard()
                .compose(c -> discoverAndTrust(Set.of(), false).map(c))
                .onComplete(ar -> {
                    synchronized (this) {
                        reonboarding = null;
                    }
                    if (ar.succeeded()) {
                        LOG.info("CAPIF {}: onboarded again as API invoker {}", api.root(), ar.result().apiInvokerId());
                    } else {
                        LOG.error("CAPIF {}: onboarding again failed: {}", api.root(), ar.cause().getMessage());
                    }
                });
        return reonboarding;
    }

    private boolean sameRoot(InvokerCredentials kept) {
        return kept.capifRoot().toString().equals(api.root().toString());
    }

    private static String commonName() {
        return "modelqos-af";
    }
}
