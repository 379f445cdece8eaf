package dev.etcdsop.worker;

import dev.etcdsop.worker.FaultCell.Fault;
import dev.etcdsop.worker.FaultPoint.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix of issue 10, end to end: the Temporal dev server, the worker jar (held at a point by
 * {@link FaultInjectingWorker}), real etcd on 127.0.0.191-194. Each cell runs an SOP on a fresh stack, stops the worker
 * (or Temporal, or an etcd member) at one point and requires the state of a run without a fault. CI runs a sample of
 * one cell per kind of fault; {@code -Dfault.matrix=full} (scripts/fault-matrix.sh) runs, for each mutating SOP, the
 * run without a fault and then every point its history shows: before each activity, after it (its answer lost) and,
 * for long steps, during it. {@code -Dfault.matrix.only=REGEX} keeps the cells whose name ("QuotaRecovery Defragment#1 DURING KILL_WORKER") matches.
 */
class FaultMatrixIT {
    @TempDir
    static Path dir;

    /** One cell per kind, chosen among the cells expected to pass, within CI's time. */
    private static final List<FaultCell> SAMPLE = List.of(
            FaultCell.at(FaultMatrixSop.QUOTA_RECOVERY, Fault.KILL_WORKER, "Defragment", 2, Phase.BEFORE),
            FaultCell.at(FaultMatrixSop.QUOTA_RECOVERY, Fault.KILL_WORKER, "Defragment", 1, Phase.DURING),
            FaultCell.at(FaultMatrixSop.ADD_MEMBER, Fault.KILL_WORKER, "AddLearner", 1, Phase.AFTER),
            FaultCell.at(FaultMatrixSop.QUOTA_RECOVERY, Fault.RESTART_TEMPORAL, "Defragment", 2, Phase.DURING),
            FaultCell.at(FaultMatrixSop.QUOTA_RECOVERY, Fault.KILL_ETCD_MEMBER, "Defragment", 1, Phase.BEFORE));

    @Test
    void everyFaultEndsInTheStateOfARunWithoutOne() throws Exception {
        final boolean full = System.getProperty("fault.matrix", "sample").equals("full");
        final Pattern only = Pattern.compile(System.getProperty("fault.matrix.only", ".*"));
        final List<FaultCellRun.Result> results = new ArrayList<>();
        try {
            if (full) {
                for (FaultMatrixSop sop : FaultMatrixSop.values()) {
                    final FaultCellRun.Result baseline = run(FaultCell.baseline(sop), results);
                    for (FaultCell cell : cells(sop, baseline.schedule())) {
                        if (only.matcher(cell.toString()).find()) {
                            run(cell, results);
                        }
                    }
                }
            } else {
                for (FaultCell cell : SAMPLE) {
                    if (only.matcher(cell.toString()).find()) {
                        run(cell, results);
                    }
                }
            }
        } finally {
            System.out.println("Fault matrix (" + (full ? "full" : "sample") + "):\n" + FaultMatrixTable.of(results));
        }
        assertThat(results).as("cells not as expected:\n" + FaultMatrixTable.of(results))
                .allSatisfy(r -> assertThat(r.differences()).as(r.cell().toString()).isEmpty());
    }

    /**
     * Every point of the run without a fault: the worker killed before and after each activity, and during each long
     * one; at each long one also Temporal restarted, and the etcd member it works on killed.
     */
    private static List<FaultCell> cells(FaultMatrixSop sop, List<FaultCellRun.ScheduledActivity> schedule) {
        final List<FaultCell> cells = new ArrayList<>();
        final Map<String, Integer> ordinals = new HashMap<>();
        for (FaultCellRun.ScheduledActivity activity : schedule) {
            final int ordinal = ordinals.merge(activity.type(), 1, Integer::sum);
            cells.add(FaultCell.at(sop, Fault.KILL_WORKER, activity.type(), ordinal, Phase.BEFORE));
            if (activity.heartbeats()) {
                cells.add(FaultCell.at(sop, Fault.KILL_WORKER, activity.type(), ordinal, Phase.DURING));
                cells.add(FaultCell.at(sop, Fault.RESTART_TEMPORAL, activity.type(), ordinal, Phase.DURING));
                cells.add(FaultCell.at(sop, Fault.KILL_ETCD_MEMBER, activity.type(), ordinal, Phase.BEFORE));
            }
            cells.add(FaultCell.at(sop, Fault.KILL_WORKER, activity.type(), ordinal, Phase.AFTER));
        }
        return cells;
    }

    private static FaultCellRun.Result run(FaultCell cell, List<FaultCellRun.Result> results) throws Exception {
        System.out.println("Fault matrix: running " + cell);
        final FaultCellRun.Result result = FaultCellRun.run(cell, Files.createDirectory(dir.resolve("cell-" + (results.size() + 1))));
        System.out.println("Fault matrix: " + cell + " took " + result.took().toSeconds() + " s: "
                + (result.differences().isEmpty() ? "as expected" : result.differences()) + " " + result.note());
        results.add(result);
        return result;
    }
}
