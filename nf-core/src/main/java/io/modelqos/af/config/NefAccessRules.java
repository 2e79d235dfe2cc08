package io.modelqos.af.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the configuration must hold for the AF to have exactly one way into its NEF, checked at start. */
final class NefAccessRules {
    private NefAccessRules() {
    }

    /**
     * The ways into the NEF: at most one source of bearer tokens (a static token, in a value or a file, or OAuth2 client
     * credentials), a token file the AF can read and that holds a token, and a client certificate (mutual TLS,
     * {@code tls.nef}) only towards an https apiRoot. Its files are checked with the rest of {@code tls}.
     */
    static List<String> problems(AfConfig config) {
        List<String> problems = new ArrayList<>();
        NefOptions n = config.nefOrDefault();
        boolean token = n.token() != null && !n.token().isBlank();
        boolean tokenFile = n.tokenFile() != null && !n.tokenFile().isBlank();
        if (token && tokenFile) {
            problems.add("nef.token / nef.tokenFile: set one or the other (MODELQOS_NEF_TOKEN / MODELQOS_NEF_TOKEN_FILE)");
        }
        if (n.staticToken() && n.oauth2()) {
            problems.add((tokenFile ? "nef.tokenFile" : "nef.token") + " / nef.tokenUrl: one way into the NEF, either a"
                    + " static token (nef.token or nef.tokenFile) or OAuth2 client credentials (nef.tokenUrl)");
        }
        boolean clientCredentials = n.clientId() != null || n.clientSecret() != null;
        if (clientCredentials && !n.oauth2()) {
            problems.add("nef.clientId / nef.clientSecret: OAuth2 client credentials need nef.tokenUrl too"
                    + " (MODELQOS_NEF_TOKEN_URL); without it they would be ignored");
        }
        if (tokenFile) {
            Path file = Path.of(n.tokenFile().strip());
            try {
                if (Files.readString(file).isBlank()) {
                    problems.add("nef.tokenFile: " + file + " is empty");
                }
            } catch (IOException | RuntimeException e) {
                problems.add("nef.tokenFile: cannot read " + file);
            }
        }
        io.modelqos.af.security.TlsOptions.ClientTls nefTls = config.tlsOrDefault().nef();
        boolean clientCertificate = nefTls != null && nefTls.certFile() != null;
        if (clientCertificate && !config.usesPcf() && n.plainHttpApiRoot()) {
            problems.add("tls.nef.certFile: a client certificate needs TLS, but nef.apiRoot '" + n.apiRoot()
                    + "' is plain HTTP (use https)");
        }
        return problems;
    }

    /**
     * CAPIF gives the NEF's apiRoot and its tokens: configuring them as well is an error rather than a silent choice,
     * so an operator never wonders which one the AF used.
     */
    static List<String> capifProblems(AfConfig config) {
        CapifOptions c = config.capifOrDefault();
        List<String> problems = new ArrayList<>(c.problems());
        if (!c.enabled()) {
            return problems;
        }
        if (config.usesPcf()) {
            problems.add("capif.capifRoot: CAPIF reaches a NEF; southbound.kind pcf uses none");
        }
        NefOptions n = config.nefOrDefault();
        if (!n.embedded()) {
            problems.add("nef.apiRoot: not with capif.capifRoot; CAPIF discovery gives the NEF's apiRoot");
        }
        if (n.tokenUrl() != null || n.clientId() != null || n.clientSecret() != null) {
            problems.add("nef.tokenUrl / nef.clientId / nef.clientSecret: not with capif.capifRoot; CAPIF issues the"
                    + " NEF's access tokens");
        }
        if (n.staticToken()) {
            problems.add("nef.token / nef.tokenFile: not with capif.capifRoot; CAPIF issues the NEF's access tokens"
                    + " (MODELQOS_NEF_TOKEN / MODELQOS_NEF_TOKEN_FILE)");
        }
        return problems;
    }
}
