package io.modelqos.nef.emulator;

import io.modelqos.openapi.n5.model.IpEndPoint;
import io.modelqos.openapi.n5.model.NFProfile;
import io.modelqos.openapi.n5.model.NFService;
import io.modelqos.openapi.n5.model.NFServiceStatus;
import io.modelqos.openapi.n5.model.NFServiceVersion;
import io.modelqos.openapi.n5.model.NFStatus;
import io.modelqos.openapi.n5.model.NFType;
import io.modelqos.openapi.n5.model.PcfBinding;
import io.modelqos.openapi.n5.model.SearchResult;
import io.modelqos.openapi.n5.model.ServiceName;
import io.modelqos.openapi.n5.model.TransportProtocol;
import io.modelqos.openapi.n5.model.UriScheme;
import io.modelqos.openapi.t8.model.Snssai;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The network functions the emulator plays besides the NEF, as the BSF and the NRF describe them,
 * without HTTP: the PCF (Npcf_PolicyAuthorization) and the BSF (Nbsf_Management), both at the
 * emulator's own apiRoot. Answers the BSF's binding lookups and the NRF's discovery.
 *
 * <p>The BSF has a binding for every UE (every UE is taken to have a PDU session served by the
 * emulator's PCF) except those listed in {@code n5.unboundUes}: the AF looks the binding up before
 * it creates an application session, so a binding that only existed for UEs with sessions would
 * never be found.
 */
final class NfDirectory {

    /** The full API versions of the project's files, as the NRF profiles announce them. */
    static final String PCF_API_VERSION = "1.3.0-alpha.5";
    static final String BSF_API_VERSION = "1.4.0-alpha.3";

    private final N5Options options;
    private final Supplier<String> apiRoot;
    private final boolean oauth2;
    private final Set<String> unbound = new HashSet<>();

    NfDirectory(N5Options options, Supplier<String> apiRoot, boolean oauth2) {
        this.options = options;
        this.apiRoot = apiRoot;
        this.oauth2 = oauth2;
        for (String ue : options.getUnboundUes()) {
            unbound.add(normalize(ue));
        }
    }

    /**
     * The query of a binding lookup (Nbsf_Management GET pcfBindings); the UE by one of its
     * addresses or identities.
     */
    record BindingQuery(String ipv4Addr, String ipv6Prefix, String macAddr48, String supi, String gpsi, String ipDomain,
                        String dnn, Snssai snssai) {
        boolean namesUe() {
            return ipv4Addr != null || ipv6Prefix != null || macAddr48 != null || supi != null || gpsi != null;
        }
    }

    /** The binding of the UE to the emulator's PCF, or empty when the UE is unbound (204). */
    Optional<PcfBinding> binding(BindingQuery q) {
        String address = q.ipv4Addr() != null ? q.ipv4Addr() : q.ipv6Prefix() != null ? stripLength(q.ipv6Prefix())
                : q.macAddr48();
        if (address != null && unbound.contains(normalize(address))) {
            return Optional.empty();
        }
        Endpoint self = endpoint();
        PcfBinding binding = new PcfBinding()
                .ipv4Addr(q.ipv4Addr()).ipv6Prefix(q.ipv6Prefix()).macAddr48(q.macAddr48()).ipDomain(q.ipDomain())
                .supi(q.supi()).gpsi(q.gpsi())
                .dnn(q.dnn() != null ? q.dnn() : options.getDnn())
                .snssai(q.snssai() != null ? q.snssai() : new Snssai().sst(options.getSst()).sd(options.getSd()))
                .pcfId(UUID.fromString(options.getPcfInstanceId()))
                .pcfIpEndPoints(self.ipEndPoints());
        if (self.fqdn() != null) {
            binding.pcfFqdn(self.fqdn());
        }
        return Optional.of(binding);
    }

    /**
     * Discovery (Nnrf_NFDiscovery GET nf-instances): the emulator's BSF or PCF when the target type
     * is BSF or PCF and, if service names are given, one of them is the instance's service; no
     * instances otherwise.
     */
    SearchResult discover(String targetNfType, List<String> serviceNames) {
        List<NFProfile> found = new ArrayList<>();
        String type = targetNfType.toUpperCase(Locale.ROOT);
        if ("BSF".equals(type) && wanted(serviceNames, "nbsf-management")) {
            found.add(profile(NFType.BSF, options.getBsfInstanceId(), ServiceName.NBSF_MANAGEMENT, "nbsf-management",
                    BSF_API_VERSION));
        } else if ("PCF".equals(type) && wanted(serviceNames, "npcf-policyauthorization")) {
            found.add(profile(NFType.PCF, options.getPcfInstanceId(), ServiceName.NPCF_POLICYAUTHORIZATION,
                    "npcf-policyauthorization", PCF_API_VERSION));
        }
        return new SearchResult().validityPeriod(options.getDiscoveryValidityPeriodSeconds()).nfInstances(found);
    }

    private static boolean wanted(List<String> serviceNames, String service) {
        return serviceNames == null || serviceNames.isEmpty() || serviceNames.contains(service);
    }

    /**
     * The profile of one of the emulator's NFs: registered, at the emulator's address, with its one
     * service both in {@code nfServices} (read by older consumers) and {@code nfServiceList}.
     */
    private NFProfile profile(NFType type, String instanceId, ServiceName serviceName, String service, String fullVersion) {
        Endpoint self = endpoint();
        NFService nfService = new NFService()
                .serviceInstanceId(service + "-1")
                .serviceName(serviceName)
                .versions(List.of(new NFServiceVersion().apiVersionInUri("v1").apiFullVersion(fullVersion)))
                .scheme(self.scheme())
                .nfServiceStatus(NFServiceStatus.REGISTERED)
                .ipEndPoints(self.ipEndPoints())
                .allowedNfTypes(List.of(NFType.AF, NFType.NEF))
                .oauth2Required(oauth2);
        if (self.fqdn() != null) {
            nfService.fqdn(self.fqdn());
        }
        Map<String, NFService> serviceList = new LinkedHashMap<>();
        serviceList.put(nfService.getServiceInstanceId(), nfService);
        NFProfile profile = new NFProfile()
                .nfInstanceId(UUID.fromString(instanceId))
                .nfInstanceName("modelqos-emulator-" + type.toString().toLowerCase(Locale.ROOT))
                .nfType(type)
                .nfStatus(NFStatus.REGISTERED)
                .priority(1)
                .capacity(100)
                .nfServices(List.of(nfService))
                .nfServiceList(serviceList);
        if (self.fqdn() != null) {
            profile.fqdn(self.fqdn());
        } else if (self.ipv4() != null) {
            profile.ipv4Addresses(List.of(self.ipv4()));
        } else {
            profile.ipv6Addresses(List.of(self.ipv6()));
        }
        return profile;
    }

    /** Where the emulator listens, from its apiRoot: scheme, and a name or an address with the port. */
    private record Endpoint(UriScheme scheme, String fqdn, String ipv4, String ipv6, int port) {
        List<IpEndPoint> ipEndPoints() {
            IpEndPoint ep = new IpEndPoint().transport(TransportProtocol.TCP).port(port);
            if (ipv4 != null) {
                ep.ipv4Address(ipv4);
            } else if (ipv6 != null) {
                ep.ipv6Address(ipv6);
            }
            return List.of(ep);
        }
    }

    private Endpoint endpoint() {
        URI root = URI.create(apiRoot.get());
        UriScheme scheme = "https".equalsIgnoreCase(root.getScheme()) ? UriScheme.HTTPS : UriScheme.HTTP;
        int port = root.getPort() >= 0 ? root.getPort() : scheme == UriScheme.HTTPS ? 443 : 80;
        String host = root.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            return new Endpoint(scheme, null, null, SemanticChecks.normalizeIpv6(host.substring(1, host.length() - 1)), port);
        }
        if (host.matches("^[0-9.]+$")) {
            return new Endpoint(scheme, null, host, null, port);
        }
        return new Endpoint(scheme, host, null, null, port);
    }

    private static String stripLength(String prefix) {
        int slash = prefix.indexOf('/');
        return slash < 0 ? prefix : prefix.substring(0, slash);
    }

    private static String normalize(String address) {
        return address.contains(":") && !address.matches("^([0-9a-fA-F]{2})((-[0-9a-fA-F]{2}){5})$")
                ? SemanticChecks.normalizeIpv6(address) : address.toLowerCase(Locale.ROOT);
    }
}
