package io.modelqos.client.internal;

import java.util.regex.Pattern;

/**
 * The contract's value rules and the helpers that enforce them on what the SDK sends.
 * Not part of the SDK's API: it may change in any release.
 */
public final class Checks {

    /** {@code Ipv4Addr} of the contract. */
    public static final Pattern IPV4 = Pattern.compile(
            "^(([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])$");
    /** {@code Ipv6Addr} of the contract, first of its two patterns (RFC 5952 lower-case groups). */
    public static final Pattern IPV6_GROUPS = Pattern.compile(
            "^((:|(0?|([1-9a-f][0-9a-f]{0,3}))):)((0?|([1-9a-f][0-9a-f]{0,3})):){0,6}(:|(0?|([1-9a-f][0-9a-f]{0,3})))$");
    /** {@code Ipv6Addr} of the contract, second of its two patterns (eight groups or one "::"). */
    public static final Pattern IPV6_SHAPE = Pattern.compile(
            "^((([^:]+:){7}([^:]+))|((([^:]+:)*[^:]+)?::(([^:]+:)*[^:]+)?))$");
    /** {@code Gpsi} of the contract. */
    public static final Pattern GPSI = Pattern.compile("^(msisdn-[0-9]{5,15}|extid-[^@]+@[^@]+)$");
    /** {@code DeliveryId} of the contract. */
    public static final Pattern DELIVERY_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    /** {@code ModelVariant.id} of the contract. */
    public static final Pattern VARIANT_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    /** The {@code Idempotency-Key} header of the contract. */
    public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7E]{1,128}$");
    /** {@code PlanRequest.nefSupportedFeatures} of the contract. */
    public static final Pattern SUPPORTED_FEATURES = Pattern.compile("^[A-Fa-f0-9]*$");

    /** The longest latency budget the contract allows, in milliseconds. */
    public static final long MAX_LATENCY_BUDGET_MS = 3_600_000L;

    private Checks() {
    }

    /** Throws {@link IllegalArgumentException} with the formatted message unless the condition holds. */
    public static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }

    /** Throws {@link IllegalStateException} "{name} is required" when a builder's value was not set. */
    public static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalStateException(name + " is required");
        }
        return value;
    }

    /** Returns the value when it matches the pattern, else throws a message naming the field. */
    public static String matching(Pattern pattern, String value, String name) {
        check(value != null, "%s is required", name);
        check(pattern.matcher(value).matches(), "%s must match %s, was \"%s\"", name, pattern.pattern(), value);
        return value;
    }

    /** Whether the text is an IPv6 address in the form the contract accepts. */
    public static boolean isIpv6(String value) {
        return value != null && IPV6_GROUPS.matcher(value).matches() && IPV6_SHAPE.matcher(value).matches();
    }
}
