package io.modelqos.app;

import io.modelqos.af.AfServer;
import io.modelqos.af.capif.CapifConnection;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.NefOptions;
import io.modelqos.af.config.PcfOptions;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.qos.QosCatalog;
import io.modelqos.af.store.DeliveryStore;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.nef.emulator.CatalogueEntry;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.qos.BitRate;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * One running AF, as {@code serve} and {@code demo} start it: the NEF client from the configuration, or, with no
 * NEF configured, a NEF emulator embedded in the same process and given the AF's own QoS catalogue.
 */
public final class AfRuntime implements AutoCloseable {
    /** The AF's NF instance id towards the embedded emulator's NRF when none is configured. */
    static final String EMBEDDED_NF_INSTANCE_ID = "6d6f6465-6c71-4f73-8000-00000000af01";

    /** The SCS/AS id used towards the embedded emulator when none is configured. */
    static final String EMBEDDED_SCS_AS_ID = "modelqos";

    private final Vertx vertx;
    private final NefEmulator emulator;
    private final AfServer server;
    private final AfConfig config;
    private final CapifConnection capif;

    private AfRuntime(Vertx vertx, NefEmulator emulator, AfServer server, AfConfig config, CapifConnection capif) {
        this.vertx = vertx;
        this.emulator = emulator;
        this.server = server;
        this.config = config;
        this.capif = capif;
    }

    public static AfRuntime start(AfConfig config) throws Exception {
        return start(config, null);
    }

    /** @param emulatorOptions the embedded emulator's options, or null for the defaults (and the config's) */
    public static AfRuntime start(AfConfig config, EmulatorOptions emulatorOptions) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            NefEmulator emulator = null;
            AfConfig effective = config;
            boolean embedded = config.usesPcf() ? config.pcfOrDefault().embedded() : config.embeddedNef();
            if (embedded) {
                EmulatorOptions options = emulatorOptions != null ? emulatorOptions : embeddedOptions(config);
                emulator = NefEmulator.start(vertx, options).await();
                if (config.usesPcf()) {
                    // The whole N5 chain on the emulator: the NRF names its BSF, the BSF binds the UE to its PCF.
                    PcfOptions pcf = config.pcfOrDefault();
                    effective = config.withPcf(new PcfOptions(null, null, emulator.apiRoot(),
                            pcf.nfInstanceId() == null ? EMBEDDED_NF_INSTANCE_ID : pcf.nfInstanceId(), pcf.afAppId(),
                            pcf.dnn(), pcf.snssai(), pcf.supportedFeatures(), pcf.timeoutMs(), pcf.readinessCheckMs()));
                } else {
                    NefOptions nef = config.nefOrDefault();
                    effective = config.withNef(new NefOptions(emulator.apiRoot(),
                            nef.scsAsId() == null ? EMBEDDED_SCS_AS_ID : nef.scsAsId(), nef.timeoutMs(),
                            nef.retryBudgetMs(), nef.supportedFeatures(), null, null, null, nef.readinessCheckMs()));
                }
                if (effective.tlsOrDefault().serverOrNull() != null && !effective.tlsOrDefault().separateCallbackListener()) {
                    // The embedded emulator trusts no private CA: its notifications come to a plain listener of their own.
                    effective = effective.withTls(effective.tlsOrDefault().withPlainCallbackListener());
                }
            }
            AfMetrics metrics = new AfMetrics();
            CapifConnection capif = null;
            io.modelqos.af.Southbound southbound;
            if (effective.usesCapif()) {
                // Through CAPIF: onboard (or reuse the kept onboarding), discover the NEF, get a token, before any
                // delivery is accepted; a CAPIF that cannot be reached fails the start with its reason.
                io.modelqos.af.capif.CapifSouthbound capifRuntime = new io.modelqos.af.capif.CapifSouthbound(vertx, effective).connect();
                capif = capifRuntime.connection();
                southbound = capifRuntime.southbound(metrics);
            } else {
                southbound = null;
            }
            DeliveryStore store = storeFor(effective, embedded);
            AfServer server = AfServer.start(vertx, effective, southbound != null ? southbound
                    : southbound(vertx, effective, store, metrics), store, metrics).await();
            return new AfRuntime(vertx, emulator, server, effective, capif);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    /** The network the configuration names: the NEF over T8 (the default), or the PCF over N5. */
    private static io.modelqos.af.Southbound southbound(Vertx vertx, AfConfig config, DeliveryStore store,
                                                        AfMetrics metrics) {
        var tls = config.tlsOrDefault();
        if (config.usesPcf()) {
            // The clients towards the core's NFs: the same trust and client certificate as towards the NEF; one per
            // event loop that calls them, so that a shard's calls stay on its loop.
            var options = tls.nef() != null
                    ? io.modelqos.af.security.TlsSetup.nefClient(tls.nef(), config.pcfOrDefault().timeoutOrDefault())
                    : new io.vertx.ext.web.client.WebClientOptions().setUserAgent("modelqos-af").setKeepAlive(true);
            var web = io.modelqos.af.http.EventLoopClients.perEventLoop(() -> io.vertx.ext.web.client.WebClient
                    .create(vertx, options, VertxAsSessionWithQosClient.connectionPool()));
            return io.modelqos.af.pcf.PcfSouthbound.create(vertx, web, config.pcfOrDefault(), store, metrics,
                    java.time.Clock.systemUTC());
        }
        // The NEF's TLS (its CA, the AF's client certificate) and the token source the configuration names.
        VertxAsSessionWithQosClient.Builder nefBuilder = io.modelqos.af.nef.NefAccess.clientBuilder(vertx, config)
                .metrics(metrics);
        return new io.modelqos.af.nef.NefSouthbound(nefBuilder.build());
    }

    /**
     * The store the configuration asks for: by default an MVStore file under the data directory when a NEF is
     * configured, memory with the embedded emulator (its subscriptions die with the process, so would the AF's).
     */
    static DeliveryStore storeFor(AfConfig config, boolean embeddedNef) {
        io.modelqos.af.store.StoreOptions options = config.storeOrDefault();
        return switch (options.kindOrDefault(embeddedNef)) {
            case io.modelqos.af.store.StoreOptions.MEMORY -> new InMemoryDeliveryStore();
            case io.modelqos.af.store.StoreOptions.POSTGRES -> io.modelqos.af.store.PgDeliveryStore.open(options.postgresOrDefault());
            default -> {
                var mv = io.modelqos.af.store.MvStoreDeliveryStore.open(config.dataDirOrDefault(), options.fsyncOrDefault());
                if (options.backupIntervalOrDefault() > 0) {
                    mv.backups().backupEvery(java.time.Duration.ofSeconds(options.backupIntervalOrDefault()),
                            options.backupDirOrDefault(config.dataDirOrDefault()), options.backupKeepOrDefault());
                }
                yield mv;
            }
        };
    }

    /** The emulator's options: those of the config's {@code emulator} section, with the AF's QoS catalogue. */
    static EmulatorOptions embeddedOptions(AfConfig config) {
        EmulatorOptions options = config.emulator() == null ? new EmulatorOptions()
                : EmulatorOptions.fromJson(config.emulator().toString());
        options.setHost("127.0.0.1").setPort(0);
        if (config.qosReferences() != null) {
            options.setQosReferences(emulatorCatalogue(QosCatalog.fromJson(config.qosReferences())));
        }
        return options;
    }

    static List<CatalogueEntry> emulatorCatalogue(QosCatalog catalog) {
        return catalog.references().stream()
                .map(r -> new CatalogueEntry(r.name(), r.fiveQi(), BitRate.parse(r.gbrDl().toString()),
                        BitRate.parse(r.gbrUl().toString()), r.pdbMs(), r.per().toString(), r.averagingWindowMs()))
                .toList();
    }

    public int port() {
        return server.port();
    }

    public String baseUri() {
        return (config.tlsOrDefault().serverOrNull() == null ? "http" : "https") + "://127.0.0.1:" + server.port();
    }

    /** Where {@code /health/*} and {@code /metrics} are served: the management listener, or the API's. */
    public String managementUri() {
        if (!server.separateManagementListener()) {
            return baseUri();
        }
        String host = config.managementOrDefault().hostOrDefault();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (AfServer.managementTls(config) == null ? "http" : "https") + "://" + host + ":" + server.managementPort();
    }

    /** The AF's standing with CAPIF, or null when the NEF is not reached through CAPIF. */
    public CapifConnection capif() {
        return capif;
    }

    /** The embedded emulator, or null when a real NEF is configured. */
    public NefEmulator emulator() {
        return emulator;
    }

    public AfConfig config() {
        return config;
    }

    public AfServer server() {
        return server;
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop().await();
            if (emulator != null) {
                emulator.close().await();
            }
        } finally {
            vertx.close().await();
        }
    }
}
