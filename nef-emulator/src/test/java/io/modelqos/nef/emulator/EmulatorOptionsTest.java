package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelqos.qos.BitRate;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies that the options are buildable from JSON and YAML with documented defaults, and strict about typos. */
class EmulatorOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        EmulatorOptions options = new EmulatorOptions();

        assertEquals("127.0.0.1", options.getHost());
        assertEquals(0, options.getPort());
        assertEquals("830", options.getSupportedFeatures());
        assertEquals(SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G, NefFeature.QOS_MONITORING_5G,
                NefFeature.ALT_QOS_WITH_IND_PARAMS_5G).toHex(), EmulatorOptions.DEFAULT_SUPPORTED_FEATURES);
        assertTrue(options.isDeleteReturnsReport());
        assertEquals(4, options.getCapacity().getCells());
        assertEquals(BitRate.parse("2 Gbps"), options.getCapacity().getCellGbrDl());
        assertEquals(BitRate.parse("1.5 Gbps"), options.getCapacity().getUeGbrDl());
        List<String> names = options.getQosReferences().stream().map(CatalogueEntry::name).toList();
        assertEquals(16, names.size());
        assertTrue(names.containsAll(List.of("mq-gbr-50M", "mq-gbr-200M", "mq-gbr-500M", "mq-gbr-1G", "mq-gbr-2G",
                "mq-gbr-5G", "mq-gbr-10G", "mq-gbr-40G", "mq-gbr-1G-ll", "mq-gbr-40G-ll")), names.toString());
        CatalogueEntry oneGig = options.getQosReferences().get(names.indexOf("mq-gbr-1G"));
        assertEquals(new CatalogueEntry("mq-gbr-1G", 130, BitRate.parse("1 Gbps"), BitRate.parse("20 Mbps"), 20, "1E-6",
                        2000),
                oneGig, "the AF's demo operator offer (nf-core QosCatalog)");
        assertEquals(3, options.getQosReferences().get(names.indexOf("mq-gbr-1G-ll")).pdbMs());
        assertEquals(0.0, options.getFaults().getQosDegradation().probability(), "deterministic unless configured");
        assertFalse(options.getOauth2().isEnabled());
    }

    @Test
    void jsonChangesOnlyWhatItNames() {
        EmulatorOptions options = EmulatorOptions.fromJson("""
                {"port": 8081, "capacity": {"cells": 2, "cellGbrDl": "1.2 Gbps"},
                 "qosReferences": [{"name": "gold", "gbrDl": "300 Mbps"}],
                 "faults": {"latencyMs": {"create": 50},
                            "errors": {"delete": [{"status": 503, "retryAfterSeconds": 5}]},
                            "dropConnection": {"create": {"afterCommit": 0.5}},
                            "qosDegradation": {"probability": 0.2}},
                 "oauth2": {"enabled": true, "clients": [{"clientId": "af", "clientSecret": "x"}]}}
                """);

        assertEquals(8081, options.getPort());
        assertEquals(2, options.getCapacity().getCells());
        assertEquals(BitRate.parse("1.2 Gbps"), options.getCapacity().getCellGbrDl());
        assertEquals(BitRate.parse("1.5 Gbps"), options.getCapacity().getUeGbrDl(), "default kept");
        CatalogueEntry gold = options.getQosReferences().get(0);
        assertEquals(4, gold.fiveQi());
        assertEquals(300, gold.pdbMs());
        assertEquals(2000, gold.averagingWindowMs());
        assertEquals(50, options.getFaults().getLatencyMs().get(Operation.CREATE));
        FaultOptions.ErrorFault error = options.getFaults().getErrors().get(Operation.DELETE).get(0);
        assertEquals(1.0, error.probability(), "probability defaults to always");
        assertEquals(5, error.retryAfterSeconds());
        assertEquals(0.5, options.getFaults().getDropConnection().get(Operation.CREATE).afterCommit());
        assertEquals(0.2, options.getFaults().getQosDegradation().probability());
        assertEquals(1000, options.getFaults().getQosDegradation().durationMs());
        assertTrue(options.getOauth2().isEnabled());
    }

    @Test
    void roundTripsThroughJson() {
        EmulatorOptions options = new EmulatorOptions().setPort(9000).setSeed(42);
        options.setFaults(FaultOptions.none().latency(Operation.MODIFY, 10)
                .error(Operation.CREATE, FaultOptions.ErrorFault.always(500, null)));

        EmulatorOptions copy = EmulatorOptions.fromJson(options.toJson());

        assertEquals(options.toJson(), copy.toJson());
        assertTrue(options.toJson().contains("\"modify\""), "operations are lower-case JSON keys");
    }

    /** Verifies that rates are written exactly (not rounded) and read in whole bits per second, as a network counts. */
    @Test
    void writesRatesExactlyAndReadsWholeBits() {
        EmulatorOptions options = EmulatorOptions.fromJson("""
                {"capacity": {"cellGbrDl": "1.234567891 Gbps", "ueGbrDl": "0.5 bps"},
                 "qosReferences": [{"name": "odd", "gbrDl": "123.4567899 Mbps", "gbrUl": "1.5 bps"}]}
                """);

        assertEquals(BitRate.ofBitsPerSecond(1_234_567_891L), options.getCapacity().getCellGbrDl());
        assertEquals(BitRate.ZERO, options.getCapacity().getUeGbrDl());
        assertEquals(BitRate.ofBitsPerSecond(123_456_789L), options.getQosReferences().get(0).gbrDl());
        assertEquals(BitRate.ofBitsPerSecond(1), options.getQosReferences().get(0).gbrUl());
        String json = options.toJson().replaceAll("\\s*\\R\\s*", "");
        assertTrue(json.contains("\"cellGbrDl\" : \"1.234567891 Gbps\""), json);
        assertTrue(json.contains("{\"name\" : \"odd\",\"fiveQi\" : 4,\"gbrDl\" : \"123.456789 Mbps\",\"gbrUl\" : \"1 bps\","
                + "\"pdbMs\" : 300,\"per\" : \"1E-6\",\"averagingWindowMs\" : 2000}"), json);
        assertEquals(options.getQosReferences(), options.copy().getQosReferences());
    }

    @Test
    void readsYamlFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nef.yaml");
        Files.writeString(file, """
                port: 8082
                capacity:
                  ueGbrDl: 800 Mbps
                notifications:
                  monitoringPeriodMs: 100
                """);

        EmulatorOptions options = EmulatorOptions.fromFile(file);

        assertEquals(8082, options.getPort());
        assertEquals(BitRate.parse("800 Mbps"), options.getCapacity().getUeGbrDl());
        assertEquals(100, options.getNotifications().getMonitoringPeriodMs());
    }

    @Test
    void rejectsTyposAndBadValues() {
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.fromJson("{\"prot\": 8081}"));
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.fromJson("{\"capacity\": {\"cellGbrDl\": \"2 Gbit/s\"}}"));
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.fromJson("{\"capacity\": {\"cells\": 0}}"));
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.fromJson("{\"faults\": {\"latencyMs\": {\"upsert\": 1}}}"));
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.fromJson(
                "{\"qosReferences\": [{\"name\": \"a\", \"gbrDl\": \"1 Mbps\"}, {\"name\": \"a\", \"gbrDl\": \"2 Mbps\"}]}"));
    }

    @Test
    void tlsIsOffByDefaultAndReadFromJsonAndYaml(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("nef.yaml"), """
                tls:
                  certFile: /etc/nef/server.crt
                  keyFile: /etc/nef/server.key
                """);

        EmulatorOptions fromJson = EmulatorOptions.fromJson("{\"tls\": {\"certFile\": \"a.crt\", \"keyFile\": \"a.key\"}}");
        EmulatorOptions fromYaml = EmulatorOptions.fromFile(yaml);

        assertFalse(new EmulatorOptions().getTls().isEnabled());
        assertTrue(fromJson.getTls().isEnabled());
        assertEquals("a.crt", fromJson.getTls().getCertFile());
        assertEquals("a.key", fromJson.getTls().getKeyFile());
        assertEquals("/etc/nef/server.crt", fromYaml.getTls().getCertFile());
        assertEquals(fromJson.toJson(), fromJson.copy().toJson(), "round-trips, the derived 'enabled' not written");
        assertTrue(new EmulatorOptions().toJson().replaceAll("\\s", "").contains("\"tls\":{\"certFile\":null,\"keyFile\":null}"),
                "the default configuration shows where TLS goes");
    }

    @Test
    void badTlsOptionsAreRejectedNamingTheField() {
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> EmulatorOptions.fromJson("{\"tls\": {\"certFile\": \"a.crt\"}}"));
        IllegalArgumentException noCert = assertThrows(IllegalArgumentException.class,
                () -> EmulatorOptions.fromJson("{\"tls\": {\"keyFile\": \"a.key\"}}"));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> EmulatorOptions.fromJson("{\"tls\": {\"certFile\": \" \", \"keyFile\": \"a.key\"}}"));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> EmulatorOptions.fromJson("{\"tls\": {\"cert\": \"a.crt\"}}"));
        IllegalArgumentException plainRoot = assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.fromJson(
                "{\"apiRoot\": \"http://nef.example:8081\", \"tls\": {\"certFile\": \"a.crt\", \"keyFile\": \"a.key\"}}"));

        assertTrue(noKey.getMessage().startsWith("tls.keyFile is missing"), noKey.getMessage());
        assertTrue(noCert.getMessage().startsWith("tls.certFile is missing"), noCert.getMessage());
        assertTrue(blank.getMessage().contains("tls.certFile must name a file"), blank.getMessage());
        assertTrue(typo.getMessage().contains("\"cert\""), typo.getMessage());
        assertTrue(plainRoot.getMessage().contains("apiRoot http://nef.example:8081 says http"), plainRoot.getMessage());
        assertTrue(EmulatorOptions.fromJson("{\"apiRoot\": \"https://nef.example\", \"tls\": {\"certFile\": \"a.crt\","
                + " \"keyFile\": \"a.key\"}}").getTls().isEnabled());
    }

    @Test
    void tlsFilesThatHoldSomethingElseAreNamed(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("server.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("server.key"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");

        IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
                () -> new TlsOptions().setCertFile(key.toString()).setKeyFile(cert.toString()).read());
        IllegalArgumentException twoCertificates = assertThrows(IllegalArgumentException.class,
                () -> new TlsOptions().setCertFile(cert.toString()).setKeyFile(cert.toString()).read());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new TlsOptions().setCertFile(dir.resolve("none.crt").toString()).setKeyFile(key.toString()).read());
        TlsOptions.ServerPem read = new TlsOptions().setCertFile(cert.toString()).setKeyFile(key.toString()).read();

        assertEquals("tls.certFile: " + key + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)", swapped.getMessage());
        assertTrue(twoCertificates.getMessage().startsWith("tls.keyFile: " + cert + " holds no unencrypted PEM private key"),
                twoCertificates.getMessage());
        assertEquals("tls.certFile: no such file " + dir.resolve("none.crt"), missing.getMessage());
        assertEquals(Files.readString(key), read.privateKey());
        assertFalse(read.toString().contains("AAAA"), "the key stays out of logs");
    }

    @Test
    void clientSecretsStayOutOfToString() {
        OAuth2Options.Client client = new OAuth2Options.Client("af", "top-secret");

        assertFalse(client.toString().contains("top-secret"));
    }
}
