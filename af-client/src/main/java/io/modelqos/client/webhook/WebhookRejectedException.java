package io.modelqos.client.webhook;

/**
 * A webhook call was refused: {@link #status()} is the HTTP status to answer with (401 for a missing or
 * wrong token, 415 for a content type other than CloudEvents JSON, 400 for a body that is not a
 * delivery event, 413 for one too large), the message says why.
 */
public class WebhookRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public WebhookRejectedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status to answer the AF with. */
    public int status() {
        return status;
    }
}
