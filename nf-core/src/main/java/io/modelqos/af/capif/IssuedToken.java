package io.modelqos.af.capif;

import java.time.Duration;

/** An access token CAPIF issued for the NEF, and how long it lives. */
public record IssuedToken(String value, Duration lifetime) {
    @Override
    public String toString() {
        return "IssuedToken[" + lifetime.toSeconds() + " s]";
    }
}
