package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdAuth;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.temporal.failure.ApplicationFailure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns on etcd authentication as Pigsty does: a {@code root} user with the root role and the password from the
 * worker's password file, then {@code auth enable}. Each part is done only if it is not done yet, so a retry after a
 * crash finishes the job. The password goes from the file into the request only; it is never logged or returned.
 */
public final class AuthEnablement {
    /** etcd enables authentication only with a user of this name that holds the role of this name. */
    private static final String ROOT = "root";
    private static final ByteSequence ROOT_BYTES = ByteSequence.from(ROOT, StandardCharsets.UTF_8);

    private final ClusterObserver observer;

    public AuthEnablement(ClusterObserver observer) {
        this.observer = observer;
    }

    /** What it did, in words. */
    public String enable(EtcdCluster cluster) {
        final EtcdAuth auth = cluster.auth();
        if (auth == null) {
            throw EtcdFailures.invalidInput("cluster " + cluster.name() + " declares no etcd authentication (etcd_sop_password_file"
                    + " is not set in the inventory): there is nothing to enable");
        }
        // Read first: a missing password file fails the step before anything changes.
        final ByteSequence password = ByteSequence.from(EtcdClients.password(auth), StandardCharsets.UTF_8);
        final String endpoints = String.join(",", cluster.clientUrls());
        try {
            if (on(cluster)) {
                return alreadyOn(cluster);
            }
            if (!ROOT.equals(auth.user())) {
                throw ApplicationFailure.newNonRetryableFailure("etcd turns authentication on only with a user named root, and"
                        + " etcd_sop_user of cluster " + cluster.name() + " is '" + auth.user() + "'. Set etcd_sop_user to root"
                        + " (the default), or turn authentication on yourself with a root user and give " + auth.user()
                        + " its permissions; nothing was changed.", Failures.INVALID_RUNBOOKS);
            }
            return observer.call(cluster.withoutAuth(), client -> "cluster " + cluster.name() + ": "
                    + String.join(", ", setUp(client.getAuthClient(), password, auth.passwordFile())));
        } catch (EtcdCallException e) {
            throw EtcdFailures.callFailed("enabling authentication", endpoints, e);
        }
    }

    /**
     * Whether authentication is on, asked without credentials: etcd answers an anonymous user list only while it is off.
     * With it on, etcd takes the worker's certificate's common name for the user ({@code client-cert-auth}), so the
     * refusal is "user name not found", or "permission denied" should a user of that name exist.
     */
    private boolean on(EtcdCluster cluster) {
        return observer.call(cluster.withoutAuth(), client -> {
            try {
                ClusterObserver.await(client.getAuthClient().userList());
                return false;
            } catch (EtcdCallException e) {
                if (e.authRefused() || String.valueOf(e.getMessage()).contains("permission denied")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /** The user logs in with the file's password: nothing to do. */
    private String alreadyOn(EtcdCluster cluster) {
        try {
            observer.call(cluster, client -> ClusterObserver.await(client.getAuthClient()
                    .userGet(ByteSequence.from(cluster.auth().user(), StandardCharsets.UTF_8))));
        } catch (EtcdCallException e) {
            if (e.authRefused()) {
                throw EtcdFailures.authRefused(cluster, e);
            }
            throw e;
        }
        return "authentication already on: user " + cluster.auth().user() + " logs in with the password in "
                + cluster.auth().passwordFile();
    }

    private static List<String> setUp(Auth auth, ByteSequence password, String passwordFile) {
        final List<String> done = new ArrayList<>();
        if (!ClusterObserver.await(auth.roleList()).getRoles().contains(ROOT)) {
            ClusterObserver.await(auth.roleAdd(ROOT_BYTES));
            done.add("added role root");
        }
        if (!ClusterObserver.await(auth.userList()).getUsers().contains(ROOT)) {
            ClusterObserver.await(auth.userAdd(ROOT_BYTES, password));
            done.add("added user root with the password in " + passwordFile);
        } else {
            // Whoever added it (an attempt that crashed, a person), enabling must not lock the worker out.
            ClusterObserver.await(auth.userChangePassword(ROOT_BYTES, password));
            done.add("set the password of the existing user root from " + passwordFile);
        }
        if (!ClusterObserver.await(auth.userGet(ROOT_BYTES)).getRoles().contains(ROOT)) {
            ClusterObserver.await(auth.userGrantRole(ROOT_BYTES, ROOT_BYTES));
            done.add("granted role root to user root");
        }
        ClusterObserver.await(auth.authEnable());
        done.add("enabled authentication");
        return done;
    }
}
