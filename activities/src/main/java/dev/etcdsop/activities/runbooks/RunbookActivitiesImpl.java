package dev.etcdsop.activities.runbooks;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.Inventory;
import dev.etcdsop.runbooks.Policies;
import dev.etcdsop.runbooks.RunbooksDir;
import dev.etcdsop.runbooks.RunbooksException;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.activities.RunbookActivities;
import dev.etcdsop.workflows.SopNames;
import dev.etcdsop.workflows.sop.SopContext;
import io.temporal.failure.ApplicationFailure;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Reads the runbooks directory afresh on every call, so an operator's fix to the inventory applies to the next run. */
public final class RunbookActivitiesImpl implements RunbookActivities {
    private final RunbooksDir runbooks;

    public RunbookActivitiesImpl(Path dir) {
        this.runbooks = new RunbooksDir(dir.toAbsolutePath().normalize());
    }

    @Override
    public EtcdCluster resolveCluster(String name) {
        return cluster(read(runbooks::loadInventory), name);
    }

    @Override
    public SopContext resolveSop(String cluster, String sop) {
        final Inventory inventory = read(runbooks::loadInventory);
        final Policies policies = read(() -> runbooks.loadPolicies(SopNames.MUTATING));
        return new SopContext(cluster(inventory, cluster), policies.forSop(sop), inventory.pgHosts(), policies.channels(cluster, sop));
    }

    private EtcdCluster cluster(Inventory inventory, String name) {
        return inventory.cluster(name).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "unknown cluster '" + name + "': the inventory " + runbooks.inventoryFile() + " declares: "
                        + (inventory.clusterNames().isEmpty() ? "no etcd cluster" : String.join(", ", inventory.clusterNames()))
                        + ". Check the name, or add the cluster to the inventory.",
                Failures.UNKNOWN_CLUSTER));
    }

    /** A mistake in the operator's files is not fixed by retrying: fail at once with the file, line and field. */
    private static <T> T read(Supplier<T> load) {
        try {
            return load.get();
        } catch (RunbooksException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.INVALID_RUNBOOKS);
        }
    }
}
