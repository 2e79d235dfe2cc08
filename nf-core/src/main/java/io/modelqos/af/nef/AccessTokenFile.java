package io.modelqos.af.nef;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for the NEF kept in a file ({@code nef.tokenFile}, {@code MODELQOS_NEF_TOKEN_FILE}) that the operator
 * may rotate while the AF runs. The file is looked at (its modification time and size, through Vert.x's asynchronous
 * file system, so no event loop waits on the disk) at most once per {@link #CHECK_INTERVAL}, and read again when
 * either moved; after the NEF refused a token ({@link #invalidate(String)}) the next {@link #token()} reads the file
 * at once, since the operator may just have rotated it. Surrounding whitespace is ignored.
 *
 * <p>A file that is missing, unreadable or empty gives no token: {@link #token()} fails naming the file and what is
 * wrong, and the next call looks again. The token itself is never logged nor put into a failure message. Rotate by
 * writing the new file beside the old one and renaming it over it (as Kubernetes does with a mounted secret), so
 * that no call reads a half-written file.
 */
public final class AccessTokenFile implements AccessTokens {

    /** How long a token read from the file is used before the file is looked at again. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenFile.class);

    private final FileSystem files;
    private final Path path;
    private final Clock clock;

    private String token;              // guarded by this; null until read, and after the file gave none
    private Version readVersion;       // guarded by this; the file's version the token was read from
    private Instant lookedAt;          // guarded by this
    private boolean readAtNextToken;   // guarded by this; set by invalidate
    private String problem;            // guarded by this; the last reason the file gave no token, to log changes only
    private Future<String> inFlight;   // guarded by this

    /** What tells a rewritten file from the one read before. */
    private record Version(long lastModifiedMs, long size) {
    }

    public AccessTokenFile(FileSystem files, Path path, Clock clock) {
        this.files = Objects.requireNonNull(files, "files == null");
        this.path = Objects.requireNonNull(path, "path == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public Path path() {
        return path;
    }

    @Override
    public Future<String> token() {
        Promise<String> promise;
        boolean read;
        synchronized (this) {
            if (token != null && !readAtNextToken && clock.instant().isBefore(lookedAt.plus(CHECK_INTERVAL))) {
                return Future.succeededFuture(token);
            }
            if (inFlight != null) {
                return inFlight;
            }
            read = token == null || readAtNextToken;
            readAtNextToken = false;
            promise = Promise.promise();
            inFlight = promise.future();
        }
        look(read).onComplete(ar -> {
            synchronized (this) {
                inFlight = null;
            }
            promise.handle(ar);
        });
        return promise.future();
    }

    /** The NEF refused {@code rejected}: if it is the file's current token, read the file at the next call. */
    @Override
    public void invalidate(String rejected) {
        synchronized (this) {
            if (token != null && token.equals(rejected)) {
                readAtNextToken = true;
            }
        }
    }

    /** The token: the one held while the file has not moved (unless {@code read}), else the file's content. */
    private Future<String> look(boolean read) {
        Instant now = clock.instant();
        return files.props(path.toString()).transform(props -> {
            if (props.failed()) {
                return noToken("cannot be read (" + reason(props.cause()) + ")");
            }
            Version version = version(props.result());
            synchronized (this) {
                if (!read && token != null && version.equals(readVersion)) {
                    lookedAt = now;
                    return Future.succeededFuture(token);
                }
            }
            return files.readFile(path.toString()).transform(content -> {
                if (content.failed()) {
                    return noToken("cannot be read (" + reason(content.cause()) + ")");
                }
                String value = content.result().toString(StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    return noToken("is empty");
                }
                boolean rotated;
                boolean recovered;
                synchronized (this) {
                    rotated = token != null && !token.equals(value);
                    recovered = problem != null;
                    token = value;
                    readVersion = version;
                    lookedAt = now;
                    problem = null;
                }
                if (rotated || recovered) {
                    LOG.info("NEF token file {} {}: using the token it holds now", path, rotated ? "changed" : "holds a token again");
                }
                return Future.succeededFuture(value);
            });
        });
    }

    /** Forgets the token, so that the next call looks at the file again, and fails with {@code what} is wrong. */
    private Future<String> noToken(String what) {
        boolean changed;
        synchronized (this) {
            token = null;
            readVersion = null;
            changed = !what.equals(problem);
            problem = what;
        }
        String message = "NEF token file " + path + " " + what;
        if (changed) {
            LOG.warn("{}: no token for the NEF until it holds one", message);
        }
        return Future.failedFuture(new IllegalStateException(message));
    }

    private static Version version(FileProps props) {
        return new Version(props.lastModifiedTime(), props.size());
    }

    /** The kind of failure, without a path or content beyond what the message adds. */
    private static String reason(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "AccessTokenFile[" + path + "]";
    }
}
