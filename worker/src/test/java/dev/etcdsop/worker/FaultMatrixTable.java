package dev.etcdsop.worker;

import java.util.List;

/** The matrix as a table: SOP × fault point → expected and got, with what differs and why. */
final class FaultMatrixTable {
    private FaultMatrixTable() {
    }

    static String of(List<FaultCellRun.Result> results) {
        final StringBuilder out = new StringBuilder();
        final String format = "| %-13s | %-24s | %-16s | %-11s | %-4s | %s |%n";
        out.append(String.format(format, "SOP", "point", "fault", "as expected", "took", "expected → got"));
        out.append(String.format(format, "---", "---", "---", "---", "---", "---"));
        for (FaultCellRun.Result r : results) {
            final List<String> differences = r.differences();
            final String detail = differences.isEmpty()
                    ? r.got().outcome() + ", " + r.got().membership() + ", defragments " + r.got().defragments() + ", writes lost " + r.got().writesLost()
                    : String.join("; ", differences);
            out.append(String.format(format, r.cell().sop().type, r.cell().where(), r.cell().fault(),
                    differences.isEmpty() ? "yes" : "NO", r.took().toSeconds() + "s",
                    detail + (r.note().isEmpty() ? "" : " — " + r.note())));
        }
        return out.toString();
    }
}
