package io.modelqos.nef.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * The CAPIF core function (TS 29.222) beside the NEF, under {@code {apiRoot}/capif}. When enabled,
 * an API invoker onboards with one of {@link #getOnboardingTokens()} as
 * {@code Authorization: Bearer}, discovers the NEF's AsSessionWithQoS, and gets access tokens that
 * the NEF then requires on AsSessionWithQoS.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class CapifOptions {

    /** The onboarding token accepted when none is configured: for development only, printed at start. */
    public static final String DEV_ONBOARDING_TOKEN = "modelqos-dev-onboarding-token";

    private boolean enabled;
    private List<String> onboardingTokens = new ArrayList<>(List.of(DEV_ONBOARDING_TOKEN));
    private long tokenTtlSeconds = 3600;
    private long certificateValidityHours = 24;

    public boolean isEnabled() {
        return enabled;
    }

    public CapifOptions setEnabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    public List<String> getOnboardingTokens() {
        return onboardingTokens;
    }

    /** The onboarding credentials the operator handed out; at least one. */
    public CapifOptions setOnboardingTokens(List<String> onboardingTokens) {
        if (onboardingTokens == null || onboardingTokens.isEmpty() || onboardingTokens.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("capif.onboardingTokens must hold at least one non-blank token");
        }
        this.onboardingTokens = new ArrayList<>(onboardingTokens);
        return this;
    }

    public long getTokenTtlSeconds() {
        return tokenTtlSeconds;
    }

    /** Lifetime of the access tokens the CAPIF core function issues. */
    public CapifOptions setTokenTtlSeconds(long tokenTtlSeconds) {
        if (tokenTtlSeconds < 1) {
            throw new IllegalArgumentException("capif.tokenTtlSeconds must be >= 1");
        }
        this.tokenTtlSeconds = tokenTtlSeconds;
        return this;
    }

    public long getCertificateValidityHours() {
        return certificateValidityHours;
    }

    /** Validity of the invoker certificates the CAPIF core function signs at onboarding. */
    public CapifOptions setCertificateValidityHours(long certificateValidityHours) {
        if (certificateValidityHours < 1) {
            throw new IllegalArgumentException("capif.certificateValidityHours must be >= 1");
        }
        this.certificateValidityHours = certificateValidityHours;
        return this;
    }

    @Override
    public String toString() {
        return "CapifOptions[enabled=" + enabled + ", onboardingTokens=" + onboardingTokens.size() + " (not shown), tokenTtlSeconds="
                + tokenTtlSeconds + ", certificateValidityHours=" + certificateValidityHours + "]";
    }
}
