package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies the command line: --port, --host and --config, with --port winning over the file. */
class NefEmulatorMainTest {

    @Test
    void defaultsToPort8081() {
        assertEquals(8081, NefEmulatorMain.parse(new String[0]).getPort());
    }

    @Test
    void portAndHostFromArguments() {
        EmulatorOptions options = NefEmulatorMain.parse(new String[] {"--port", "9090", "--host=0.0.0.0"});

        assertEquals(9090, options.getPort());
        assertEquals("0.0.0.0", options.getHost());
    }

    @Test
    void configFileWithPortOverride(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("nef.json");
        Files.writeString(json, "{\"port\": 7000, \"capacity\": {\"cells\": 8}}");

        EmulatorOptions fromFile = NefEmulatorMain.parse(new String[] {"--config", json.toString()});
        EmulatorOptions overridden = NefEmulatorMain.parse(new String[] {"--config", json.toString(), "--port", "7001"});

        assertEquals(7000, fromFile.getPort());
        assertEquals(8, fromFile.getCapacity().getCells());
        assertEquals(7001, overridden.getPort());
    }

    @Test
    void badArgumentsAreRejected(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> NefEmulatorMain.parse(new String[] {"--port", "http"}));
        assertThrows(IllegalArgumentException.class, () -> NefEmulatorMain.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class, () -> NefEmulatorMain.parse(new String[] {"--verbose"}));
        assertThrows(IllegalArgumentException.class,
                () -> NefEmulatorMain.parse(new String[] {"--config", dir.resolve("missing.json").toString()}));
    }
}
