package io.modelqos.app;

import io.modelqos.af.capif.CapifConnection;
import io.modelqos.af.capif.CapifException;
import io.modelqos.af.capif.CredentialFiles;
import io.modelqos.af.capif.InvokerCredentials;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigException;
import io.modelqos.af.config.ConfigLoader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code modelqos capif onboard|status|offboard}: the AF's onboarding with a CAPIF core function, by hand. */
@Command(name = "capif", mixinStandardHelpOptions = true,
        description = {"The AF's onboarding with the operator's CAPIF core function (TS 29.222), by hand:",
                "onboard, status, update (a new key and certificate), offboard.",
                "The credentials are kept in <data-dir>/capif/ (owner-only files); 'serve' onboards by itself when",
                "they are missing, and reuses them when they are there."},
        subcommands = {CapifCommand.Onboard.class, CapifCommand.Status.class, CapifCommand.Update.class,
                CapifCommand.Offboard.class,
                CommandLine.HelpCommand.class})
final class CapifCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("modelqos capif: missing subcommand (onboard, status or offboard)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The settings every subcommand reads: the same file, environment and data directory as {@code serve}. */
    static final class Settings {
        @Option(names = "--config", paramLabel = "FILE", description = "configuration file (YAML or JSON)")
        Path config;

        @Option(names = "--capif-root", paramLabel = "URL", description = "the CAPIF core function (MODELQOS_CAPIF_ROOT)")
        String capifRoot;

        @Option(names = "--capif-onboarding-token-file", paramLabel = "FILE",
                description = "the onboarding token (MODELQOS_CAPIF_ONBOARDING_TOKEN_FILE)")
        String onboardingTokenFile;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (MODELQOS_DATA_DIR)")
        String dataDir;

        AfConfig load() {
            Map<String, String> o = new LinkedHashMap<>();
            if (capifRoot != null) {
                o.put("capif.capifRoot", capifRoot);
            }
            if (onboardingTokenFile != null) {
                o.put("capif.onboardingTokenFile", onboardingTokenFile);
            }
            if (dataDir != null) {
                o.put("dataDir", dataDir);
            }
            return ConfigLoader.load(config, System.getenv(), o);
        }
    }

    /** Runs {@code work} with a connection made from the settings; maps the failures to one line and an exit code. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Settings settings;

        /** The context the command's calls start from ({@link #await}); set while {@link #call} runs. */
        private Context context;

        abstract int run(AfConfig config, CapifConnection connection, PrintWriter out) throws Exception;

        /**
         * The result of {@code call}, started on the command's Vert.x context and awaited here: Vert.x 5.0.7's client,
         * asked from a thread of its own (this one, the command line's), now and then leaves a request on a reused
         * pooled connection without any outcome (see docs/performance.md, "Phase 5's lost read").
         */
        <T> T await(Supplier<Future<T>> call) {
            Promise<T> done = Promise.promise();
            context.runOnContext(v -> {
                try {
                    call.get().onComplete(done);
                } catch (RuntimeException e) {
                    done.fail(e);
                }
            });
            return done.future().await();
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            String name = "modelqos capif " + spec.name();
            AfConfig config;
            try {
                config = settings.load();
            } catch (ConfigException e) {
                err.println(name + ": " + e.getMessage());
                return 2;
            }
            if (!config.capifOrDefault().enabled()) {
                err.println(name + ": no CAPIF configured (--capif-root or MODELQOS_CAPIF_ROOT)");
                return 2;
            }
            Vertx vertx = Vertx.vertx();
            context = vertx.getOrCreateContext();
            try {
                PrintWriter out = spec.commandLine().getOut();
                int code = run(config, new io.modelqos.af.capif.CapifSouthbound(vertx, config).connection(), out);
                out.flush();
                return code;
            } catch (CapifException e) {
                err.println(name + ": " + e.getMessage());
                return 1;
            } finally {
                vertx.close().await();
            }
        }

        static void print(PrintWriter out, InvokerCredentials c, Path dataDir) {
            Instant expiry = c.certificateExpiry();
            out.println("API invoker id:   " + c.apiInvokerId());
            out.println("CAPIF:            " + c.capifRoot());
            out.println("onboarding URI:   " + c.onboardingUri());
            out.println("onboarded at:     " + (c.onboardedAt() == null ? "unknown" : c.onboardedAt()));
            out.println("certificate:      " + (expiry == null ? "none issued" : "valid until " + expiry));
            out.println("files:            " + dataDir.resolve(CredentialFiles.FOLDER).toAbsolutePath());
        }
    }

    @Command(name = "onboard", mixinStandardHelpOptions = true,
            description = "Onboards the AF as an API invoker with the onboarding token (nothing to do when it is).")
    static final class Onboard extends Sub {
        @Override
        int run(AfConfig config, CapifConnection connection, PrintWriter out) {
            InvokerCredentials kept = await(connection::stored);
            if (kept != null && kept.capifRoot().equals(config.capifOrDefault().root())) {
                out.println("Already onboarded (offboard first to onboard anew):");
                print(out, kept, config.dataDirOrDefault());
                return 0;
            }
            InvokerCredentials c = await(connection::onboard);
            out.println("Onboarded:");
            print(out, c, config.dataDirOrDefault());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows the kept onboarding: invoker id, certificate expiry, onboarding URI (asks CAPIF nothing).")
    static final class Status extends Sub {
        @Override
        int run(AfConfig config, CapifConnection connection, PrintWriter out) {
            InvokerCredentials kept = await(connection::stored);
            if (kept == null) {
                spec.commandLine().getErr().println("modelqos capif status: not onboarded (no credentials in "
                        + config.dataDirOrDefault().resolve(CredentialFiles.FOLDER).toAbsolutePath() + ")");
                return 1;
            }
            print(out, kept, config.dataDirOrDefault());
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Renews the AF's key at CAPIF (PUT of the onboarding with a new CSR); keeps the new certificate.")
    static final class Update extends Sub {
        @Override
        int run(AfConfig config, CapifConnection connection, PrintWriter out) {
            if (await(connection::stored) == null) {
                spec.commandLine().getErr().println("modelqos capif update: not onboarded: nothing to update");
                return 1;
            }
            InvokerCredentials c = await(connection::update);
            out.println("Updated:");
            print(out, c, config.dataDirOrDefault());
            return 0;
        }
    }

    @Command(name = "offboard", mixinStandardHelpOptions = true,
            description = "Offboards the AF at CAPIF and removes the kept credentials.")
    static final class Offboard extends Sub {
        @Override
        int run(AfConfig config, CapifConnection connection, PrintWriter out) {
            InvokerCredentials kept = await(connection::stored);
            if (kept == null) {
                out.println("Not onboarded: nothing to offboard.");
                return 0;
            }
            await(connection::offboard);
            out.println("Offboarded API invoker " + kept.apiInvokerId() + " from " + kept.capifRoot()
                    + "; its credentials are removed.");
            return 0;
        }
    }
}
