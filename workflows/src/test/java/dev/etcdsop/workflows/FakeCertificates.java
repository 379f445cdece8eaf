package dev.etcdsop.workflows;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.CertificateActivities;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Issues each member's certificate once; a second call finds it in place. Logs {@code "installMemberCertificate <name>"}. */
public final class FakeCertificates implements CertificateActivities {
    private final List<String> log;
    private final Set<String> installed = ConcurrentHashMap.newKeySet();

    public FakeCertificates(List<String> log) {
        this.log = log;
    }

    @Override
    public boolean installMemberCertificate(EtcdCluster cluster, String memberName) {
        log.add("installMemberCertificate " + memberName);
        return installed.add(memberName);
    }
}
