package io.modelqos.app;

import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigException;
import io.modelqos.af.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code modelqos serve}: runs the AF until stopped (SIGTERM / Ctrl-C stop it gracefully). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the ModelQoS AF.",
                "Configuration: a YAML/JSON file (--config), then MODELQOS_* environment variables, then these flags.",
                "With no NEF configured (nef.apiRoot / MODELQOS_NEF_API_ROOT) it starts an embedded NEF emulator."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (YAML or JSON)")
    private Path config;

    @Option(names = "--port", description = "HTTP port (default 8080; MODELQOS_PORT)")
    private Integer port;

    @Option(names = "--host", description = "address to bind (default 0.0.0.0; MODELQOS_HOST)")
    private String host;

    @Option(names = "--nef-api-root", paramLabel = "URI", description = "the NEF's apiRoot (MODELQOS_NEF_API_ROOT)")
    private String nefApiRoot;

    @Option(names = "--nef-token-file", paramLabel = "FILE", description = "a file holding the static bearer token the"
            + " NEF's operator handed out, read again when it changes (MODELQOS_NEF_TOKEN_FILE; the token itself only"
            + " through MODELQOS_NEF_TOKEN, never on a command line)")
    private String nefTokenFile;

    @Option(names = "--capif-root", paramLabel = "URL", description = "reach the NEF through this CAPIF core function:"
            + " onboard, discover the NEF, get its tokens; no NEF apiRoot or NEF credentials then (MODELQOS_CAPIF_ROOT)")
    private String capifRoot;

    @Option(names = "--capif-onboarding-token-file", paramLabel = "FILE", description = "the onboarding token the"
            + " operator handed out, needed to onboard (MODELQOS_CAPIF_ONBOARDING_TOKEN_FILE)")
    private String capifOnboardingTokenFile;

    @Option(names = "--southbound", paramLabel = "nef|pcf", description = "ask the NEF over T8 (nef, the default) or,"
            + " as a trusted AF inside the operator's core, the PCF over N5 (pcf) (MODELQOS_SOUTHBOUND)")
    private String southbound;

    @Option(names = "--pcf-api-root", paramLabel = "URI", description = "with --southbound pcf: the PCF's apiRoot"
            + " (MODELQOS_PCF_API_ROOT); else the PCF comes from the BSF")
    private String pcfApiRoot;

    @Option(names = "--nrf-api-root", paramLabel = "URI", description = "with --southbound pcf: the NRF that names the"
            + " BSF and issues access tokens (MODELQOS_NRF_API_ROOT)")
    private String nrfApiRoot;

    @Option(names = "--scs-as-id", description = "the AF's SCS/AS id at the NEF (MODELQOS_SCS_AS_ID)")
    private String scsAsId;

    @Option(names = "--callback-base-uri", paramLabel = "URI",
            description = "where the NEF reaches this AF (MODELQOS_CALLBACK_BASE_URI)")
    private String callbackBaseUri;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (MODELQOS_DATA_DIR)")
    private String dataDir;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve HTTPS (MODELQOS_TLS_CERT_FILE)")
    private String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert (MODELQOS_TLS_KEY_FILE)")
    private String tlsKey;

    @Option(names = "--callback-port", description = "a listener of its own for NEF callbacks (MODELQOS_TLS_CALLBACK_PORT)")
    private Integer callbackPort;

    @Option(names = "--management-port", description = "a listener of its own for /health and /metrics, which the API"
            + " port then no longer serves (MODELQOS_MANAGEMENT_PORT; the metrics token: MODELQOS_METRICS_TOKEN_FILE)")
    private Integer managementPort;

    @Option(names = "--management-host", description = "address of --management-port (default 127.0.0.1;"
            + " MODELQOS_MANAGEMENT_HOST)")
    private String managementHost;

    @Override
    public Integer call() throws Exception {
        AfConfig afConfig;
        try {
            afConfig = ConfigLoader.load(config, System.getenv(), overrides());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("modelqos serve: " + e.getMessage());
            return 2;
        }
        AfRuntime runtime;
        try {
            runtime = AfRuntime.start(afConfig);
        } catch (io.modelqos.af.capif.CapifException e) {
            spec.commandLine().getErr().println("modelqos serve: CAPIF " + afConfig.capifOrDefault().capifRoot() + ": "
                    + e.getMessage());
            return 1;
        }
        var out = spec.commandLine().getOut();
        out.println("ModelQoS AF listening on " + afConfig.hostOrDefault() + ":" + runtime.port()
                + "  (API: " + runtime.baseUri() + "/model-delivery/v1, health: " + runtime.managementUri()
                + "/health/ready, metrics: " + runtime.managementUri() + "/metrics)");
        boolean pcf = runtime.config().usesPcf();
        if (runtime.emulator() != null) {
            out.println((pcf ? "No PCF, BSF or NRF configured: using the embedded emulator's NRF, BSF and PCF at "
                    : "No NEF configured: using the embedded NEF emulator at ") + runtime.emulator().apiRoot()
                    + (pcf ? " (set MODELQOS_PCF_API_ROOT, MODELQOS_BSF_API_ROOT or MODELQOS_NRF_API_ROOT to use a real core)"
                    : " (set MODELQOS_NEF_API_ROOT to use a real NEF)"));
        } else if (pcf) {
            var p = runtime.config().pcfOrDefault();
            out.println("N5: the PCF " + (p.apiRoot() != null ? p.apiRoot() : p.bsfApiRoot() != null
                    ? "the BSF " + p.bsfApiRoot() + " binds to each UE" : "the BSF the NRF " + p.nrfApiRoot()
                    + " names binds to each UE"));
        } else if (runtime.capif() != null) {
            var capif = runtime.capif();
            out.println("NEF through CAPIF " + afConfig.capifOrDefault().capifRoot() + ": API invoker "
                    + capif.credentials().apiInvokerId() + (capif.onboardings() > 0 ? " (onboarded now)"
                    : " (kept onboarding)") + ", exposing function " + capif.aef().aefId() + " at "
                    + capif.aef().apiRoot());
        } else {
            out.println("NEF: " + runtime.config().nefOrDefault().apiRoot() + " as SCS/AS "
                    + runtime.config().nefOrDefault().scsAsId() + "; access: " + io.modelqos.af.nef.NefAccess.describe(
                    runtime.config().nefOrDefault(), runtime.config().tlsOrDefault().nef()));
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runtime.close();
            } catch (Exception e) {
                System.err.println("modelqos serve: shutdown: " + e);
            } finally {
                stopped.countDown();
            }
        }, "modelqos-shutdown"));
        stopped.await();
        return 0;
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        put(o, "port", port == null ? null : port.toString());
        put(o, "host", host);
        put(o, "nef.apiRoot", nefApiRoot);
        put(o, "nef.scsAsId", scsAsId);
        put(o, "nef.tokenFile", nefTokenFile);
        put(o, "southbound.kind", southbound);
        put(o, "capif.capifRoot", capifRoot);
        put(o, "capif.onboardingTokenFile", capifOnboardingTokenFile);
        put(o, "pcf.apiRoot", pcfApiRoot);
        put(o, "pcf.nrfApiRoot", nrfApiRoot);
        put(o, "callbackBaseUri", callbackBaseUri);
        put(o, "dataDir", dataDir);
        put(o, "tls.server.certFile", tlsCert);
        put(o, "tls.server.keyFile", tlsKey);
        put(o, "tls.callbacks.port", callbackPort == null ? null : callbackPort.toString());
        put(o, "management.port", managementPort == null ? null : managementPort.toString());
        put(o, "management.host", managementHost);
        return o;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
