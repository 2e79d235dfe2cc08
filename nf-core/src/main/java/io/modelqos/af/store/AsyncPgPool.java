package io.modelqos.af.store;

import io.modelqos.af.problem.AfProblem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The PostgreSQL connections of a {@link PgDeliveryStore}. Statements run asynchronously: {@link #execute} answers
 * with a future that completes on the caller's Vert.x context (a shard of the engine), so that what the store hands
 * back is used where its deliveries live and no event loop ever waits for the database. The connections run on a
 * Vert.x instance of their own. Failures and timeouts become {@link AfProblem#serviceUnavailable}, as the callers of
 * any store expect. Only the start (schema migration, registration) and the close wait, on the thread that opens or
 * closes the store.
 *
 * <p>Each statement is one round trip, and the round trips of many statements overlap:
 * <ul>
 *   <li>Prepared statements are cached per connection: without the cache, every statement is parsed anew in a round
 *       trip of its own (Parse/Describe, then Bind/Execute), which doubles the round trips, makes the server plan
 *       the statement every time, and stalls pipelining.</li>
 *   <li>Statements go through a pooled client that pipelines: each of its {@code poolSize} connections carries up to
 *       {@value #PIPELINING_LIMIT} statements at once, sent without waiting for the answers before them. A plain pool
 *       holds a connection for a whole round trip per statement, so with the database a few milliseconds away it caps
 *       the store at {@code poolSize} statements per round trip, whatever the AF's load.</li>
 * </ul>
 * Pipelining keeps no order between statements on different connections: a caller that needs one waits for the
 * earlier statement's answer ({@link PgDeliveryRows} does, per delivery).
 */
final class AsyncPgPool {
    /** Logs under the store's name, as all of the store's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(PgDeliveryStore.class);
    private static final long STATEMENT_TIMEOUT_MS = 10_000;
    /** Statements in flight on one connection (vertx-pg-client's default; 1 would turn pipelining off). */
    static final int PIPELINING_LIMIT = 256;

    private final Vertx vertx;
    private final SqlClient pool;
    private final PgConnectOptions connect;
    private final String schema;
    private volatile boolean closed;

    private AsyncPgPool(Vertx vertx, SqlClient pool, PgConnectOptions connect, String schema) {
        this.vertx = vertx;
        this.pool = pool;
        this.connect = connect;
        this.schema = schema;
    }

    /** A pipelining client of {@code poolSize} connections to {@code connect}, for the tables of {@code schema}. */
    static AsyncPgPool connect(PgConnectOptions connect, int poolSize, String schema) {
        Vertx own = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        PgConnectOptions pipelined = new PgConnectOptions(connect).setPipeliningLimit(PIPELINING_LIMIT)
                .setCachePreparedStatements(true);
        SqlClient client = PgBuilder.client()
                .with(new PoolOptions().setMaxSize(poolSize).setName("modelqos-store")
                        // Bursts of writes (a busy turn of every shard) queue here rather than fail.
                        .setMaxWaitQueueSize(-1))
                .with(new io.vertx.core.net.NetClientOptions().setConnectTimeout(5_000))
                .connectingTo(pipelined)
                .using(own)
                .build();
        return new AsyncPgPool(own, client, connect, schema);
    }

    /** The pool's own Vert.x instance (the store's LISTEN connection runs on it too). */
    Vertx vertx() {
        return vertx;
    }

    /** The schema the store's tables are in (statements name it: {@code schema + ".deliveries"}). */
    String schema() {
        return schema;
    }

    /**
     * Runs {@code work} in a transaction on a connection of its own, opened for it and closed after (the pipelining
     * client has no transactions); for the start only (the schema migration).
     */
    <T> Future<T> inTransaction(java.util.function.Function<SqlConnection, Future<T>> work) {
        return PgConnection.connect(vertx, connect).compose(conn -> conn.begin()
                .compose(tx -> work.apply(conn).compose(result -> tx.commit().map(result),
                        failure -> tx.rollback().transform(x -> Future.<T>failedFuture(failure))))
                .eventually(conn::close));
    }

    /** Runs one prepared statement; its rows arrive on the caller's context. */
    Future<RowSet<Row>> execute(String sql, Tuple args) {
        return onCaller(closed ? Future.failedFuture(AfProblem.serviceUnavailable("the delivery store is closed"))
                : pool.preparedQuery(sql).execute(args));
    }

    /**
     * {@code work} as the caller sees it: completed on the caller's context (when it has one), within the statement
     * timeout, with a failure of the database as 503.
     */
    <T> Future<T> onCaller(Future<T> work) {
        io.vertx.core.Context caller = Vertx.currentContext();
        Future<T> bounded = work.timeout(STATEMENT_TIMEOUT_MS, TimeUnit.MILLISECONDS).recover(AsyncPgPool::asProblem);
        if (caller == null) {
            return bounded;
        }
        Promise<T> answer = Promise.promise();
        bounded.onComplete(result -> {
            if (Vertx.currentContext() == caller) {
                answer.handle(result);
            } else {
                caller.runOnContext(v -> answer.handle(result));
            }
        });
        return answer.future();
    }

    private static <T> Future<T> asProblem(Throwable cause) {
        if (cause instanceof AfProblem || cause instanceof IllegalStateException) {
            return Future.failedFuture(cause);
        }
        if (cause instanceof TimeoutException) {
            return Future.failedFuture(AfProblem.serviceUnavailable("the delivery store (PostgreSQL) did not answer within "
                    + STATEMENT_TIMEOUT_MS + " ms"));
        }
        LOG.warn("delivery store: {}", cause.toString());
        return Future.failedFuture(AfProblem.serviceUnavailable("the delivery store (PostgreSQL) failed: "
                + cause.getMessage()));
    }

    /** Waits for {@code future}: only for opening and closing the store, never on an event loop. */
    <T> T await(Future<T> future) {
        if (closed) {
            throw AfProblem.serviceUnavailable("the delivery store is closed");
        }
        try {
            return future.toCompletionStage().toCompletableFuture().get(STATEMENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AfProblem.serviceUnavailable("interrupted waiting for the delivery store");
        } catch (TimeoutException e) {
            throw AfProblem.serviceUnavailable("the delivery store (PostgreSQL) did not answer within "
                    + STATEMENT_TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r && (r instanceof AfProblem || r instanceof IllegalStateException)) {
                throw r;
            }
            LOG.warn("delivery store: {}", cause.toString());
            throw AfProblem.serviceUnavailable("the delivery store (PostgreSQL) failed: " + cause.getMessage());
        }
    }

    /** Whether the database answers within 2 s (false once closed). */
    Future<Boolean> ping() {
        if (closed) {
            return Future.succeededFuture(false);
        }
        return onCaller(pool.query("SELECT 1").execute().timeout(2, TimeUnit.SECONDS).map(true).otherwise(false));
    }

    /** Closes the pool and its Vert.x; every later statement fails as "closed". */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pool.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("delivery store: closing the pool: {}", e.toString());
        }
        vertx.close();
    }
}
