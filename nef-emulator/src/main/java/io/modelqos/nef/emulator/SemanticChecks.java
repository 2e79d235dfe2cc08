package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.InvalidParam;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the schema cannot say about a subscription: the notification destination is an absolute
 * http(s) URI, a single-UE session names exactly one UE address and that address is well formed
 * (TS 29.122 Ipv4Addr/Ipv6Addr carry no pattern), a QoS duration is positive.
 */
final class SemanticChecks {

    private static final Pattern IPV4 = Pattern.compile(
            "^(([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:]+$");

    private SemanticChecks() {
    }

    /** Throws 400 listing every problem found. */
    static void check(AsSessionWithQoSSubscription sub) {
        List<InvalidParam> problems = new ArrayList<>();
        checkNotificationDestination(sub.getNotificationDestination(), problems);
        checkUeAddress(sub, problems);
        if (sub.getQosDuration() != null && sub.getQosDuration() < 1) {
            problems.add(param("/qosDuration", "qosDuration must be a positive number of seconds"));
        }
        if (!problems.isEmpty()) {
            boolean mandatory = problems.stream().anyMatch(p -> p.getParam().equals("/notificationDestination"));
            throw ApiException.badRequest(mandatory ? ApiException.MANDATORY_IE_INCORRECT : ApiException.OPTIONAL_IE_INCORRECT,
                    problems.get(0).getReason(), problems);
        }
    }

    /** The key the capacity model knows the UE by: its address, or the external group id. */
    static String ueKey(AsSessionWithQoSSubscription sub) {
        if (sub.getUeIpv4Addr() != null) {
            return "ipv4:" + sub.getUeIpv4Addr() + (sub.getIpDomain() == null ? "" : "@" + sub.getIpDomain());
        }
        if (sub.getUeIpv6Addr() != null) {
            return "ipv6:" + normalizeIpv6(sub.getUeIpv6Addr());
        }
        if (sub.getMacAddr() != null) {
            return "mac:" + sub.getMacAddr().toLowerCase(Locale.ROOT);
        }
        return "group:" + sub.getExtGroupId();
    }

    /** The canonical text of an IPv6 literal (never a DNS lookup); the input lower-cased if it is not one. */
    static String normalizeIpv6(String address) {
        if (!isIpv6Literal(address)) {
            return address.toLowerCase(Locale.ROOT);
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address.toLowerCase(Locale.ROOT);
        }
    }

    private static void checkNotificationDestination(String destination, List<InvalidParam> problems) {
        if (destination == null) {
            problems.add(param("/notificationDestination", "notificationDestination is required"));
            return;
        }
        try {
            URI uri = new URI(destination);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                problems.add(param("/notificationDestination",
                        "notificationDestination must be an absolute http(s) URI with a host: " + destination));
            }
        } catch (URISyntaxException e) {
            problems.add(param("/notificationDestination", "notificationDestination is not a URI: " + e.getReason()));
        }
    }

    private static void checkUeAddress(AsSessionWithQoSSubscription sub, List<InvalidParam> problems) {
        List<String> given = new ArrayList<>();
        if (sub.getUeIpv4Addr() != null) {
            given.add("/ueIpv4Addr");
            if (!IPV4.matcher(sub.getUeIpv4Addr()).matches()) {
                problems.add(param("/ueIpv4Addr", "not an IPv4 address in dotted-quad form: " + sub.getUeIpv4Addr()));
            }
        }
        if (sub.getUeIpv6Addr() != null) {
            given.add("/ueIpv6Addr");
            if (!isIpv6(sub.getUeIpv6Addr())) {
                problems.add(param("/ueIpv6Addr", "not an IPv6 address: " + sub.getUeIpv6Addr()));
            }
        }
        if (sub.getMacAddr() != null) {
            given.add("/macAddr");
        }
        if (sub.getIpDomain() != null && sub.getUeIpv4Addr() == null) {
            problems.add(param("/ipDomain", "ipDomain is only allowed together with ueIpv4Addr"));
        }
        if (sub.getExtGroupId() != null) {
            if (!given.isEmpty()) {
                problems.add(param(given.get(0), "a group session (extGroupId) names no single UE address"));
            }
            return;
        }
        if (given.isEmpty()) {
            problems.add(param("/ueIpv4Addr",
                    "a single-UE session needs exactly one of ueIpv4Addr, ueIpv6Addr, macAddr (none given)"));
        } else if (given.size() > 1) {
            problems.add(param(given.get(1), "a single-UE session needs exactly one of ueIpv4Addr, ueIpv6Addr, macAddr ("
                    + String.join(", ", given) + " given)"));
        }
    }

    static boolean isIpv6Literal(String text) {
        return text != null && text.contains(":") && IPV6_CHARS.matcher(text).matches();
    }

    private static boolean isIpv6(String text) {
        if (!isIpv6Literal(text)) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof java.net.Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static InvalidParam param(String pointer, String reason) {
        return new InvalidParam().param(pointer).reason(reason);
    }
}
