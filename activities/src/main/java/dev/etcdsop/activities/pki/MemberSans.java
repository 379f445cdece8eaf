package dev.etcdsop.activities.pki;

import dev.etcdsop.runbooks.EtcdMember;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a member certificate carries: its address (peers check each other's IP SANs), 127.0.0.1 and
 * localhost for tools on the node, and the member name.
 */
record MemberSans(List<String> ips, List<String> dnsNames) {
    private static final int DNS = 2;
    private static final int IP = 7;

    MemberSans {
        ips = List.copyOf(ips);
        dnsNames = List.copyOf(dnsNames);
    }

    static MemberSans of(EtcdMember member) {
        return new MemberSans(List.of(member.address(), "127.0.0.1").stream().distinct().toList(),
                List.of("localhost", member.name()).stream().distinct().toList());
    }

    /** Exactly these names, no fewer and no other: a certificate for a former address must not stay valid. */
    boolean carriedBy(X509Certificate certificate) throws CertificateParsingException {
        final Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        if (sans == null) {
            return false;
        }
        final Set<String> foundIps = new HashSet<>();
        final Set<String> foundDns = new HashSet<>();
        for (List<?> san : sans) {
            switch ((Integer) san.get(0)) {
                case IP -> foundIps.add((String) san.get(1));
                case DNS -> foundDns.add((String) san.get(1));
                default -> {
                    return false;
                }
            }
        }
        return foundIps.equals(Set.copyOf(ips)) && foundDns.equals(Set.copyOf(dnsNames));
    }

    @Override
    public String toString() {
        return "IP " + ips + ", DNS " + dnsNames;
    }
}
