package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies the command line: --port, --host, --config and --tls-cert/--tls-key, with the flags winning over the file. */
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
    void tlsCertificateAndKeyFromArgumentsWinOverTheFile(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("nef.json");
        Files.writeString(json, "{\"tls\": {\"certFile\": \"file.crt\", \"keyFile\": \"file.key\"}}");

        EmulatorOptions fromFile = NefEmulatorMain.parse(new String[] {"--config", json.toString()});
        EmulatorOptions flags = NefEmulatorMain.parse(new String[] {"--config", json.toString(), "--tls-cert", "flag.crt",
            "--tls-key=flag.key"});
        EmulatorOptions plain = NefEmulatorMain.parse(new String[0]);

        assertEquals("file.crt", fromFile.getTls().getCertFile());
        assertEquals("flag.crt", flags.getTls().getCertFile());
        assertEquals("flag.key", flags.getTls().getKeyFile());
        assertFalse(plain.getTls().isEnabled());
    }

    @Test
    void aTlsCertificateWithoutItsKeyIsRejected() {
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> NefEmulatorMain.parse(new String[] {"--tls-cert", "server.crt"}));
        IllegalArgumentException noCert = assertThrows(IllegalArgumentException.class,
                () -> NefEmulatorMain.parse(new String[] {"--tls-key=server.key"}));

        assertEquals("--tls-cert and --tls-key go together: --tls-key is missing", noKey.getMessage());
        assertEquals("--tls-cert and --tls-key go together: --tls-cert is missing", noCert.getMessage());
        assertTrue(NefEmulatorMain.usage().contains("[--tls-cert FILE --tls-key FILE]"));
    }

    @Test
    void theDefaultConfigurationReadsBackAsAConfigFile(@TempDir Path dir) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertNull(NefEmulatorMain.parse(new String[] {"--print-default-config"}));
        } finally {
            System.setOut(console);
        }
        Path file = Files.writeString(dir.resolve("default.json"), printed.toString(StandardCharsets.UTF_8));

        EmulatorOptions options = NefEmulatorMain.parse(new String[] {"--config", file.toString()});

        assertEquals(8081, options.getPort());
        assertFalse(options.getTls().isEnabled());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("\"tls\""));
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
