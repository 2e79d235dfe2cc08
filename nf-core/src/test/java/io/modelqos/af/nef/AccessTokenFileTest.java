package io.modelqos.af.nef;

import io.modelqos.testing.EventLoopGuard;
import io.modelqos.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the token file: read trimmed, looked at again at most once a second and re-read when it moved, read at once
 * after the NEF refused its token, and a clear reason (never the token) when it holds none. The clock is moved by hand.
 */
class AccessTokenFileTest {

    private static Vertx vertx;
    @TempDir
    Path dir;
    private Path file;
    private MutableClock clock;
    private AccessTokenFile tokens;

    @BeforeAll
    static void start() {
        vertx = EventLoopGuard.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @BeforeEach
    void create() throws Exception {
        file = dir.resolve("nef-token");
        write("tok-1\n");
        clock = new MutableClock(Instant.parse("2026-12-03T17:00:00Z"));
        tokens = new AccessTokenFile(vertx.fileSystem(), file, clock);
    }

    /** Rotates the token as an operator should: a new file renamed over the old one, with a later modification time. */
    private void write(String content) throws Exception {
        Path next = dir.resolve("nef-token.next");
        Files.writeString(next, content);
        FileTime previous = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
        Files.setLastModifiedTime(next, FileTime.fromMillis(Math.max(previous.toMillis() + 1_000,
                System.currentTimeMillis())));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String token(Future<String> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String failure(Future<String> future) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        return e.getCause().getMessage();
    }

    @Test
    void readsTheTokenWithoutItsSurroundingWhitespace() throws Exception {
        write("  tok-1 \r\n\n");
        assertEquals("tok-1", token(tokens.token()));
    }

    @Test
    void usesTheTokenReadForASecondThenReadsTheRotatedFile() throws Exception {
        assertEquals("tok-1", token(tokens.token()));
        write("tok-2");

        clock.advance(Duration.ofMillis(999));
        assertEquals("tok-1", token(tokens.token()), "within a second of the last look the file is not looked at");

        clock.advance(Duration.ofMillis(1));
        assertEquals("tok-2", token(tokens.token()), "a second later the moved file is read again");
    }

    @Test
    void aTokenTheNefRefusedMakesTheNextCallReadTheFileAtOnce() throws Exception {
        assertEquals("tok-1", token(tokens.token()));
        write("tok-2");

        tokens.invalidate("tok-1");

        assertEquals("tok-2", token(tokens.token()), "no waiting for the next second: the operator just rotated it");
    }

    @Test
    void aRefusedTokenTheFileStillHoldsIsTheTokenStill() throws Exception {
        assertEquals("tok-1", token(tokens.token()));
        tokens.invalidate("tok-1");
        assertEquals("tok-1", token(tokens.token()), "nothing fresher: the NEF's second refusal is its answer");
    }

    @Test
    void refusingAnOlderTokenDoesNotForceARead() throws Exception {
        assertEquals("tok-1", token(tokens.token()));
        write("tok-2");
        tokens.invalidate("tok-0");
        assertEquals("tok-1", token(tokens.token()), "within the second, the token held is still used");
    }

    @Test
    void anEmptyFileGivesNoTokenAndSaysSoWithoutQuotingAnyToken() throws Exception {
        assertEquals("tok-1", token(tokens.token()));
        write(" \n");
        clock.advance(AccessTokenFile.CHECK_INTERVAL);

        String reason = failure(tokens.token());

        assertEquals("NEF token file " + file + " is empty", reason);
        write("tok-3");
        assertEquals("tok-3", token(tokens.token()), "after a failure the next call looks again, without waiting");
    }

    @Test
    void aMissingFileGivesNoTokenNamingTheFile() throws Exception {
        Files.delete(file);
        String reason = failure(tokens.token());
        assertTrue(reason.startsWith("NEF token file " + file + " cannot be read"), reason);
        assertFalse(reason.contains("tok-1"));
    }

    @Test
    void callersAskingTogetherShareOneRead() throws Exception {
        Future<String> first = tokens.token();
        Future<String> second = tokens.token();
        assertSame(first, second, "one look at the file for both");
        assertEquals("tok-1", token(first));
    }

    @Test
    void neverPrintsTheToken() throws Exception {
        assertEquals("tok-1", token(tokens.token()));
        assertFalse(tokens.toString().contains("tok-1"));
        assertFalse(new StaticAccessToken("tok-9").toString().contains("tok-9"));
    }
}
