package io.modelqos.nef.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * OAuth 2.0 on {@code POST {root}/oauth2/token}. When enabled, the AsSessionWithQoS API requires
 * {@code Authorization: Bearer <token>} of a registered client ({@link #getClients()}), and the
 * PCF and BSF faces require a token the NRF issued (Nnrf_AccessToken) for their service's scope.
 * The NRF issues tokens whether or not OAuth2 is enforced.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class OAuth2Options {

    private boolean enabled;
    private long tokenTtlSeconds = 3600;
    private List<Client> clients = new ArrayList<>();
    private List<String> nfConsumers = new ArrayList<>();

    /** A registered client; its secret never appears in logs or {@link #toString()}. */
    public record Client(String clientId, String clientSecret) {
        public Client {
            if (clientId == null || clientId.isBlank() || clientSecret == null) {
                throw new IllegalArgumentException("an OAuth2 client needs clientId and clientSecret");
            }
        }

        @Override
        public String toString() {
            return "Client[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public OAuth2Options setEnabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    public long getTokenTtlSeconds() {
        return tokenTtlSeconds;
    }

    public OAuth2Options setTokenTtlSeconds(long tokenTtlSeconds) {
        if (tokenTtlSeconds < 1) {
            throw new IllegalArgumentException("oauth2.tokenTtlSeconds must be >= 1");
        }
        this.tokenTtlSeconds = tokenTtlSeconds;
        return this;
    }

    public List<Client> getClients() {
        return clients;
    }

    public OAuth2Options setClients(List<Client> clients) {
        this.clients = clients == null ? new ArrayList<>() : new ArrayList<>(clients);
        return this;
    }

    public OAuth2Options addClient(String clientId, String clientSecret) {
        clients.add(new Client(clientId, clientSecret));
        return this;
    }

    public List<String> getNfConsumers() {
        return nfConsumers;
    }

    /**
     * The NF instance ids the NRF issues tokens to; empty (default) means any, as an NRF that
     * trusts its mutually authenticated TLS peers.
     */
    public OAuth2Options setNfConsumers(List<String> nfConsumers) {
        this.nfConsumers = nfConsumers == null ? new ArrayList<>() : new ArrayList<>(nfConsumers);
        return this;
    }
}
