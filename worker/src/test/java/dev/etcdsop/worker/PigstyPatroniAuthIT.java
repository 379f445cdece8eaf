package dev.etcdsop.worker;

/**
 * The replacement of every original member of {@link PigstyPatroniScenario} once more with etcd authentication on
 * (RBAC, user root with a password that the worker reads from its own file, and that Patroni uses too), etcd on
 * 127.0.0.171-176; the history scan includes the etcd root password.
 */
class PigstyPatroniAuthIT extends PigstyPatroniScenario {
    @Override
    int firstAddress() {
        return 171;
    }

    @Override
    boolean auth() {
        return true;
    }

    @Override
    Long quotaBytes() {
        return null;
    }
}
