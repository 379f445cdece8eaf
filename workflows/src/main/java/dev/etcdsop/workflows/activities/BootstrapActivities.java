package dev.etcdsop.workflows.activities;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import io.temporal.activity.ActivityInterface;

/** What creating a cluster needs beyond the membership SOPs' calls: its CA, the wait for it to form, and its root user. */
@ActivityInterface
public interface BootstrapActivities {
    /**
     * The cluster's CA and etcd-sop's client certificate at the inventory's {@code etcd_sop_ca_cert}, {@code etcd_sop_ca_key},
     * {@code etcd_sop_client_cert} and {@code etcd_sop_client_key} (on the worker): when none of the four files exists,
     * all are made (key files 0600); when all exist, nothing changes; a partial set is refused non-retryably
     * ({@code Failures.INVALID_RUNBOOKS}) naming the missing files. Returns whether it created them.
     */
    boolean ensureCa(EtcdCluster cluster);

    /**
     * Polls, heartbeating, until every member of {@code cluster} answers a linearizable read through its own endpoint, all
     * report one cluster ID, and the member list is exactly the inventory's (by peer URL, none a learner). Fails
     * retryably ({@code Failures.MEMBER_NOT_CAUGHT_UP}) past {@code timeoutSeconds} while not; non-retryably
     * ({@code Failures.SPLIT_CLUSTER}) when two members report different cluster IDs, naming both members and IDs.
     */
    ClusterFacts awaitFormed(EtcdCluster cluster, int timeoutSeconds);

    /**
     * etcd authentication as the inventory asks ({@code cluster.auth()} not null): the user (root) with the password read
     * from the worker's password file and the root role, then auth enabled; each only if not done yet (a retry after a
     * crash finds it done). Connects without credentials while auth is off. Returns what it did, in words.
     */
    String enableAuth(EtcdCluster cluster);
}
