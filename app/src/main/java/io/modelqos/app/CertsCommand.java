package io.modelqos.app;

import io.modelqos.af.security.DevCertificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code modelqos certs}: a development CA, server and client certificates and the AF's CSR, as PEM files. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = {"Creates development certificates as PEM files (EC P-256, BouncyCastle):",
                "a CA, the AF's server certificate (SANs localhost, 127.0.0.1, ::1 and --dns/--ip), the AF's client",
                "certificate towards the NEF, one for the NEF's callbacks, and a PKCS#10 CSR for the AF's key pair",
                "(the form CAPIF onboarding asks for). For development and tests only."})
final class CertsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "certs", description = "output directory (default: ${DEFAULT-VALUE})")
    private Path dir;

    @Option(names = "--af-id", paramLabel = "NAME", defaultValue = "modelqos-af",
            description = "the AF's name: CN of its client certificate and of the CSR (default: ${DEFAULT-VALUE})")
    private String afId;

    @Option(names = "--dns", paramLabel = "NAME", description = "another DNS name for the server certificate and the CSR")
    private List<String> dnsNames = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "another IP address for the server certificate")
    private List<String> ips = new ArrayList<>();

    @Option(names = "--days", defaultValue = "365", description = "validity in days (default: ${DEFAULT-VALUE})")
    private int days;

    @Option(names = "--force", description = "overwrite files of an earlier run")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (days < 1 || days > 3650) {
            err.println("modelqos certs: --days must be within 1..3650");
            return 2;
        }
        List<Path> written;
        try {
            written = DevCertificates.writeDevelopmentSet(dir, afId, dnsNames, ips, Duration.ofDays(days), force);
        } catch (FileAlreadyExistsException e) {
            err.println("modelqos certs: " + e.getFile() + " exists; use --force to overwrite, or another --dir");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("modelqos certs: " + e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Development certificates in " + dir.toAbsolutePath() + " (valid " + days + " days):");
        for (Path file : written) {
            String name = file.getFileName().toString();
            out.printf("  %-15s %s%n", name, DevCertificates.FILES.get(name));
        }
        String d = dir.toAbsolutePath().toString();
        out.println();
        out.println("Serve the AF over HTTPS:");
        out.println("  MODELQOS_TLS_CERT_FILE=" + d + "/server.crt MODELQOS_TLS_KEY_FILE=" + d + "/server.key ./modelqos serve");
        out.println("  curl --cacert " + d + "/ca.crt https://localhost:8080/health/live");
        out.println("With a real NEF (MODELQOS_NEF_API_ROOT=https://...): mutual TLS towards it, and its callbacks on a");
        out.println("port of their own that requires its client certificate (here, one this CA issued: nef-client.crt):");
        out.println("  MODELQOS_TLS_NEF_TRUST_FILE=<the NEF's CA> MODELQOS_TLS_NEF_CERT_FILE=" + d + "/client.crt"
                + " MODELQOS_TLS_NEF_KEY_FILE=" + d + "/client.key \\");
        out.println("  MODELQOS_TLS_CALLBACK_PORT=8443 MODELQOS_TLS_CALLBACK_CLIENT_CA_FILE=" + d + "/ca.crt");
        out.println("The CSR: openssl req -in " + d + "/af.csr -noout -text");
        out.flush();
        return 0;
    }
}
