package io.modelqos.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The {@code modelqos} command line: one subcommand per task.
 *
 * <p>To add a subcommand, write a picocli {@code @Command} class and list it in {@code subcommands} below.
 */
@Command(name = "modelqos",
        mixinStandardHelpOptions = true,
        versionProvider = ModelQosVersion.class,
        description = "Application Function that requests 5G QoS (3GPP TS 29.122 AsSessionWithQoS) so a UE can "
                + "download an AI/ML model within a latency budget.",
        subcommands = {
                PlanCommand.class,
                ServeCommand.class,
                NefEmulatorCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                CertsCommand.class,
                CapifCommand.class,
                CdsArchiveCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class ModelQosCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command hierarchy, ready to {@code execute}; tests capture its output with setOut/setErr. */
    public static CommandLine commandLine() {
        return new CommandLine(new ModelQosCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(CliErrors::handleParameterException)
                .setExecutionExceptionHandler(CliErrors::handleExecutionException);
    }

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("modelqos: missing subcommand");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
