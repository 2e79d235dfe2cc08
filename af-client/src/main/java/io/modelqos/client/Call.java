package io.modelqos.client;

import java.util.Map;

/**
 * One operation on the AF: method, path below the API root (with its query), JSON body, extra headers,
 * whether repeating it is safe, and the type its answer is read as.
 */
record Call<T>(String method, String path, byte[] body, Map<String, String> headers, boolean retryable,
               Class<T> responseType) {

    static <T> Call<T> get(String path, Class<T> responseType) {
        return new Call<>("GET", path, null, Map.of(), true, responseType);
    }

    static <T> Call<T> delete(String path, Class<T> responseType) {
        return new Call<>("DELETE", path, null, Map.of(), true, responseType);
    }

    static <T> Call<T> post(String path, byte[] body, Map<String, String> headers, boolean retryable,
                            Class<T> responseType) {
        return new Call<>("POST", path, body, headers, retryable, responseType);
    }

    /** "GET /deliveries/d-1", for messages. */
    String describe() {
        return method + " " + path;
    }
}
