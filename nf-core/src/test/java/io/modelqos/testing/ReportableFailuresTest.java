package io.modelqos.testing;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failure surefire could not print is turned into one it can; a printable one is left as it is. */
class ReportableFailuresTest {

    /** An exception whose message never ends: printing it overflows the stack, as vertx-openapi's did. */
    private static final class Bottomless extends IllegalStateException {
        Bottomless(Throwable cause) {
            super(cause);
        }

        @Override
        public String getMessage() {
            return "deeper " + getMessage();
        }
    }

    @Test
    void anUnprintableFailureBecomesAPrintableOneThatNamesIt() {
        Bottomless failure = new Bottomless(new IllegalArgumentException("the contract is invalid"));
        assertThrows(StackOverflowError.class, () -> failure.printStackTrace(new PrintWriter(new StringWriter())));

        AssertionError safe = assertInstanceOf(AssertionError.class, ReportableFailures.reportable(failure));

        StringWriter printed = new StringWriter();
        assertDoesNotThrow(() -> safe.printStackTrace(new PrintWriter(printed)));
        assertTrue(safe.getMessage().contains(Bottomless.class.getName()), safe.getMessage());
        assertTrue(safe.getMessage().contains("caused by java.lang.IllegalArgumentException: the contract is invalid"),
                safe.getMessage());
        assertArrayEquals(failure.getStackTrace(), safe.getStackTrace());
    }

    @Test
    void aPrintableFailureIsLeftAsItIs() {
        AssertionError failure = new AssertionError("expected 1 but was 2");
        assertSame(failure, ReportableFailures.reportable(failure));
    }
}
