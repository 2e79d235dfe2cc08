package io.modelqos.af.pcf;

import io.modelqos.openapi.n5.model.IpEndPoint;
import io.modelqos.openapi.n5.model.NFProfile;
import io.modelqos.openapi.n5.model.NFService;
import io.modelqos.openapi.n5.model.PcfBinding;
import io.modelqos.openapi.n5.model.UriScheme;

import java.net.URI;
import java.util.List;

/** The apiRoot (TS 29.501 clause 4.4) of an NF service, from what the NRF or the BSF says about where it is served. */
final class NfApiRoots {
    private NfApiRoots() {
    }

    /** The apiRoot of {@code service} of {@code profile}: scheme, FQDN or address, port, and apiPrefix. Null when unusable. */
    static URI of(NFProfile profile, NFService service) {
        String scheme = service.getScheme() == UriScheme.HTTP ? "http" : "https";
        IpEndPoint endPoint = first(service.getIpEndPoints());
        String host = service.getFqdn() != null ? service.getFqdn() : profile.getFqdn();
        if (host == null && endPoint != null) {
            host = address(endPoint);
        }
        if (host == null && profile.getIpv4Addresses() != null && !profile.getIpv4Addresses().isEmpty()) {
            host = profile.getIpv4Addresses().get(0);
        }
        if (host == null) {
            return null;
        }
        Integer port = endPoint == null ? null : endPoint.getPort();
        String prefix = service.getApiPrefix() == null ? "" : service.getApiPrefix().replaceAll("/+$", "");
        return URI.create(scheme + "://" + host + (port == null ? "" : ":" + port) + prefix);
    }

    /** The apiRoot of the PCF a binding names, with {@code scheme} (the binding does not carry one). Null when unusable. */
    static URI of(PcfBinding binding, String scheme) {
        IpEndPoint endPoint = first(binding.getPcfIpEndPoints());
        String host = binding.getPcfFqdn() != null ? binding.getPcfFqdn() : endPoint == null ? null : address(endPoint);
        if (host == null) {
            return null;
        }
        Integer port = endPoint == null ? null : endPoint.getPort();
        return URI.create(scheme + "://" + host + (port == null ? "" : ":" + port));
    }

    private static String address(IpEndPoint endPoint) {
        if (endPoint.getIpv4Address() != null) {
            return endPoint.getIpv4Address();
        }
        return endPoint.getIpv6Address() == null ? null : "[" + endPoint.getIpv6Address() + "]";
    }

    private static <T> T first(List<T> list) {
        return list == null || list.isEmpty() ? null : list.get(0);
    }
}
