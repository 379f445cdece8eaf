package dev.etcdsop.workflows.activities;

import dev.etcdsop.runbooks.EtcdCluster;
import io.temporal.activity.ActivityInterface;

/** Member certificates from the cluster CA, made and delivered by the worker so keys never enter workflow history. */
@ActivityInterface
public interface CertificateActivities {
    /**
     * Makes sure the node of {@code memberName} holds a certificate from the cluster CA for its SANs (its address,
     * 127.0.0.1, localhost, its name; serverAuth and clientAuth), its key, and the CA certificate, at the paths
     * the inventory gives. A valid certificate already there is kept. Returns whether any file changed.
     */
    boolean installMemberCertificate(EtcdCluster cluster, String memberName);
}
