package io.modelqos.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Makes sure every failure can be reported. Surefire prints a failure's stack trace into its report; when that
 * printing itself fails (seen: a {@code StackOverflowError} printing an exception of vertx-openapi thrown from a
 * {@code @BeforeAll}), surefire's listener dies, the class counts as "Tests run: 0" and the build SUCCEEDS. So a
 * failure that cannot be printed is replaced by an {@link AssertionError} that can, naming the original's classes and
 * messages (bounded) and keeping its stack. Registered for every test through the JUnit service loader.
 */
public final class ReportableFailures implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private static final int MAX_CAUSES = 10;
    private static final int MAX_MESSAGE = 500;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw reportable(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw reportable(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw reportable(throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw reportable(throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw reportable(throwable);
    }

    /** {@code failure} itself when its stack trace prints, else an AssertionError describing it that does. */
    static Throwable reportable(Throwable failure) {
        try {
            failure.printStackTrace(new PrintWriter(new StringWriter()));
            return failure;
        } catch (StackOverflowError | RuntimeException unprintable) {
            AssertionError safe = new AssertionError("a failure whose stack trace cannot be printed ("
                    + unprintable.getClass().getSimpleName() + " printing it): " + describe(failure));
            safe.setStackTrace(failure.getStackTrace());
            return safe;
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (i > 0) {
                out.append("; caused by ");
            }
            out.append(t.getClass().getName()).append(": ");
            String message;
            try {
                message = String.valueOf(t.getMessage());
            } catch (StackOverflowError | RuntimeException e) {
                message = "(its message cannot be read: " + e.getClass().getSimpleName() + ")";
            }
            out.append(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message);
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }
}
