package io.modelqos.app;

import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
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
                "Admin endpoint: /emulator/v1/state and /emulator/v1/faults."})
final class NefEmulatorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8081", description = "HTTP port (default ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--config", paramLabel = "FILE", description = "emulator options (JSON or YAML)")
    private Path config;

    @Override
    public Integer call() throws Exception {
        EmulatorOptions options;
        try {
            options = (config == null ? new EmulatorOptions() : EmulatorOptions.fromFile(config)).setPort(port).setHost(host);
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
        spec.commandLine().getOut().println("NEF emulator: " + nef.endpoints());
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
