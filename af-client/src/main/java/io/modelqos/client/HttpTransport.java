package io.modelqos.client;

import io.modelqos.client.internal.Json;
import io.modelqos.client.internal.Version;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends calls to the AF's API root with the SDK's headers, retries those that are safe to repeat, and
 * turns answers into values or {@link ModelQosException}s.
 */
final class HttpTransport {

    private final HttpClient http;
    private final String apiRoot;
    private final Supplier<String> tokens;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final Executor executor;

    HttpTransport(HttpClient http, URI apiRoot, Supplier<String> tokens, Duration timeout, RetryPolicy retry,
                  Executor executor) {
        this.http = http;
        this.apiRoot = apiRoot.toString();
        this.tokens = tokens;
        this.timeout = timeout;
        this.retry = retry;
        this.executor = executor;
    }

    HttpClient http() {
        return http;
    }

    /** Runs the task after the delay, on the client's executor. */
    void schedule(Duration delay, Runnable task) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor).execute(task);
    }

    /** A request to the path below the API root with the SDK's headers: token, User-Agent, Accept. */
    HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(apiRoot + path))
                .timeout(timeout)
                .header("User-Agent", Version.userAgent())
                .header("Accept", accept);
        if (tokens != null) {
            String token = tokens.get();
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("the token provider returned no token");
            }
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Sends the call, retrying it when that is safe; the future fails with a {@link ModelQosException}. */
    <T> CompletableFuture<T> send(Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, 1, result);
        return result;
    }

    private <T> void attempt(Call<T> call, int attempt, CompletableFuture<T> result) {
        if (result.isDone()) {
            return;
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = request(call.path(), "application/json");
            call.headers().forEach(builder::header);
            if (call.body() != null) {
                builder.header("Content-Type", "application/json")
                        .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
            } else {
                builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
            }
            request = builder.build();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        exchange.whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    onFailure(call, attempt, result, unwrap(failure));
                } else {
                    onResponse(call, attempt, result, response);
                }
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
    }

    private <T> void onFailure(Call<T> call, int attempt, CompletableFuture<T> result, Throwable failure) {
        if (!(failure instanceof IOException)) {
            result.completeExceptionally(failure);
        } else if (call.retryable() && attempt < retry.maxAttempts()) {
            retryLater(call, attempt, retry.backoff(attempt), result);
        } else {
            result.completeExceptionally(Failures.noResponse(call.describe(), (IOException) failure));
        }
    }

    private <T> void onResponse(Call<T> call, int attempt, CompletableFuture<T> result,
                                HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            result.complete(read(call, response));
        } else if (call.retryable() && isTransient(status) && attempt < retry.maxAttempts()) {
            Duration delay = retryAfter(response.headers()).map(retry::capRetryAfter)
                    .orElseGet(() -> retry.backoff(attempt));
            retryLater(call, attempt, delay, result);
        } else {
            result.completeExceptionally(Failures.fromResponse(call.describe(), status,
                    response.headers().firstValue("Content-Type"), response.body()));
        }
    }

    private <T> void retryLater(Call<T> call, int attempt, Duration delay, CompletableFuture<T> result) {
        schedule(delay, () -> attempt(call, attempt + 1, result));
    }

    private static <T> T read(Call<T> call, HttpResponse<byte[]> response) {
        if (call.responseType() == Void.class) {
            return null;
        }
        try {
            return Json.mapper().readValue(response.body(), call.responseType());
        } catch (IOException e) {
            throw Failures.unreadable(call.describe(), response.statusCode(), e);
        }
    }

    /** 429, 502, 503 and 504: the AF or the network behind it may answer otherwise a little later. */
    static boolean isTransient(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** The wait a {@code Retry-After} header asks for, in delay-seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(String::trim).flatMap(value -> {
            try {
                if (value.chars().allMatch(Character::isDigit)) {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
                }
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
