package dev.etcdsop.workflows.status;

import java.util.Locale;

/** Byte counts in SI units, as etcdctl prints them ("25 kB", "2.1 GB"). */
public final class ByteSizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    private ByteSizes() {
    }

    public static String human(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 || value >= 10
                ? String.format(Locale.ROOT, "%.0f %s", value, UNITS[unit])
                : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
