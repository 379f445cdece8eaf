package dev.etcdsop.activities.runbooks;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.Inventory;
import dev.etcdsop.runbooks.RunbooksDir;
import dev.etcdsop.runbooks.RunbooksException;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.activities.RunbookActivities;
import io.temporal.failure.ApplicationFailure;

import java.nio.file.Path;

/** Reads the runbooks directory afresh on every call, so an operator's fix to the inventory applies to the next run. */
public final class RunbookActivitiesImpl implements RunbookActivities {
    private final RunbooksDir runbooks;

    public RunbookActivitiesImpl(Path dir) {
        this.runbooks = new RunbooksDir(dir.toAbsolutePath().normalize());
    }

    @Override
    public EtcdCluster resolveCluster(String name) {
        final Inventory inventory;
        try {
            inventory = runbooks.loadInventory();
        } catch (RunbooksException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.INVALID_RUNBOOKS);
        }
        return inventory.cluster(name).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "unknown cluster '" + name + "': the inventory " + runbooks.inventoryFile() + " declares: "
                        + (inventory.clusterNames().isEmpty() ? "no etcd cluster" : String.join(", ", inventory.clusterNames()))
                        + ". Check the name, or add the cluster to the inventory.",
                Failures.UNKNOWN_CLUSTER));
    }
}
