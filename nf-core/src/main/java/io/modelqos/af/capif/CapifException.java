package io.modelqos.af.capif;

/**
 * A CAPIF call that did not give what the AF needs. The message names the operation and CAPIF's answer and never
 * carries a token, a key or a certificate.
 */
public final class CapifException extends RuntimeException {

    /** The CAPIF operations the AF uses. */
    public enum Operation {
        ONBOARD("onboard"), UPDATE("update onboarding"), OFFBOARD("offboard"), DISCOVER("discover"),
        TRUST("security context"), TOKEN("access token");

        private final String label;

        Operation(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Calls made with the onboarding's identity, after onboarding, whose 401/404 mean it is gone. */
        boolean onboardingScoped() {
            return this != ONBOARD && this != OFFBOARD;
        }
    }

    private final Operation operation;
    private final int status;

    public CapifException(Operation operation, int status, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.status = status;
    }

    public Operation operation() {
        return operation;
    }

    /** CAPIF's HTTP status, 0 when none came. */
    public int status() {
        return status;
    }

    /** The onboarding was revoked or expired: CAPIF no longer knows the invoker (401 or 404 after onboarding). */
    public boolean revoked() {
        return operation.onboardingScoped() && (status == 401 || status == 404);
    }

    /** CAPIF did not answer, or answered that it cannot now (5xx, 429). */
    public boolean unavailable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
