package io.modelqos.app;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelQosCommandTest {

    @Test
    void registersItsSubcommands() {
        Set<String> names = ModelQosCommand.commandLine().getSubcommands().keySet();

        assertTrue(names.containsAll(Set.of("plan", "demo", "help")), names.toString());
    }

    @Test
    void withoutASubcommandShowsTheUsageAndExitsWithTwo() {
        CommandRun run = CommandRun.of();

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("missing subcommand"), run.err());
        assertTrue(run.err().contains("plan"), run.err());
    }

    @Test
    void printsItsVersion() {
        CommandRun run = CommandRun.of("--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("modelqos "), run.out());
    }
}
