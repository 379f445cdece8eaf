package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.SopPolicy;

/** What the first activity of a run resolved from the runbooks directory: the cluster and this SOP's policy. */
public record SopContext(EtcdCluster cluster, SopPolicy policy) {
}
