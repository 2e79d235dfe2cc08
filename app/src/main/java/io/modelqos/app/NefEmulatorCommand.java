package io.modelqos.app;

import io.modelqos.nef.emulator.CapifOptions;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code modelqos nef-emulator}: runs the network emulator on its own (the NEF, and for N5 the PCF,
 * BSF and NRF), for tests, benchmarks and integration work.
 */
@Command(name = "nef-emulator", mixinStandardHelpOptions = true,
        description = {"Runs the stateful network emulator on one port: the NEF (TS 29.122 AsSessionWithQoS) and, for N5,",
                "a PCF (TS 29.514 Npcf_PolicyAuthorization), a BSF (TS 29.521 pcfBindings) and an NRF (TS 29.510",
                "discovery and /oauth2/token), on one capacity model with fault injection.",
                "With --capif also a CAPIF core function (TS 29.222) at <apiRoot>/capif, and the NEF then",
                "requires CAPIF access tokens. With --tls-cert and --tls-key everything is served over https, and",
                "with --capif too the NEF serves a CAPIF token only to the invoker presenting CAPIF's certificate.",
                "Admin endpoint: /emulator/v1/state, /emulator/v1/faults and, with --capif, /emulator/v1/capif/invokers."})
final class NefEmulatorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8081", description = "HTTP(S) port (default ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--config", paramLabel = "FILE", description = "emulator options (JSON or YAML)")
    private Path config;

    @Option(names = "--capif", description = "also run a CAPIF core function (onboarding, discovery, security) at "
            + "<apiRoot>/capif; the NEF then requires CAPIF access tokens")
    private boolean capif;

    @Option(names = "--capif-onboarding-token", paramLabel = "TOKEN", description = "the onboarding token an API invoker "
            + "must present (Authorization: Bearer) to onboard (with --capif; default the development token "
            + CapifOptions.DEV_ONBOARDING_TOKEN + ", printed at start)")
    private String capifOnboardingToken;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "serve https with this PEM server certificate"
            + " (with --tls-key; e.g. server.crt of modelqos certs)")
    private String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key of --tls-cert")
    private String tlsKey;

    /** The options: the file's (or the defaults), with what the flags say on top. */
    EmulatorOptions options() {
        EmulatorOptions options = (config == null ? new EmulatorOptions() : EmulatorOptions.fromFile(config)).setPort(port).setHost(host);
        options.getTls().fromFlags(tlsCert, tlsKey);
        if (capifOnboardingToken != null && !capif && !options.getCapif().isEnabled()) {
            throw new IllegalArgumentException("--capif-onboarding-token needs --capif");
        }
        if (capif) {
            options.getCapif().setEnabled(true);
        }
        if (capifOnboardingToken != null) {
            options.getCapif().setOnboardingTokens(List.of(capifOnboardingToken));
        }
        return options.validated();
    }

    /** What the console shows once the emulator runs: where everything is and, for CAPIF, how to onboard. */
    static List<String> startupLines(NefEmulator nef, EmulatorOptions options) {
        List<String> lines = new ArrayList<>();
        lines.add("NEF emulator: " + nef.endpoints());
        if (nef.capifRoot() != null) {
            lines.add("CAPIF root: " + nef.capifRoot());
            List<String> tokens = options.getCapif().getOnboardingTokens();
            lines.add(tokens.equals(List.of(CapifOptions.DEV_ONBOARDING_TOKEN))
                    ? "CAPIF onboarding token (development default): " + CapifOptions.DEV_ONBOARDING_TOKEN
                    : "CAPIF onboarding token: as configured (" + tokens.size() + ", not shown)");
        }
        return lines;
    }

    @Override
    public Integer call() throws Exception {
        EmulatorOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("modelqos nef-emulator: " + e.getMessage());
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        NefEmulator nef;
        try {
            nef = NefEmulator.start(vertx, options).await();
        } catch (Exception e) {
            vertx.close();
            spec.commandLine().getErr().println("modelqos nef-emulator: cannot start: " + e.getMessage());
            return 1;
        }
        startupLines(nef, options).forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                nef.close().await();
                vertx.close().await();
            } catch (Exception e) {
                System.err.println("nef-emulator: shutdown: " + e);
            } finally {
                stopped.countDown();
            }
        }, "nef-emulator-shutdown"));
        stopped.await();
        return 0;
    }
}
