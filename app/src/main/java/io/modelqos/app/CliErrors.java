package io.modelqos.app;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * How the command line reports bad input: one line naming the problem and a pointer to the help, exit code 2.
 * Other failures keep picocli's default (stack trace, exit code 1).
 */
final class CliErrors {

    private CliErrors() {
    }

    static int handleParameterException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("modelqos: " + e.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** An IllegalArgumentException that escaped a command is bad input the command did not map to an option. */
    static int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) throws Exception {
        if (e instanceof IllegalArgumentException) {
            command.getErr().println("modelqos: " + e.getMessage());
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        }
        throw e;
    }
}
