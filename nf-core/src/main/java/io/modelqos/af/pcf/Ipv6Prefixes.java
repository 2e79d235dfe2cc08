package io.modelqos.af.pcf;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv6 prefixes as TS 29.571 Ipv6Prefix writes them. */
final class Ipv6Prefixes {
    private Ipv6Prefixes() {
    }

    /** The /64 prefix an IPv6 address lies in, e.g. {@code 2001:db8:1:2::/64}. */
    static String slash64(String address) {
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                throw new IllegalArgumentException("not an IPv6 address: " + address);
            }
            for (int i = 8; i < 16; i++) {
                bytes[i] = 0;
            }
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            return compress(text) + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + address, e);
        }
    }

    /** Java writes every group; the shortest form replaces the longest run of zero groups by "::". */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLength < 2) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
