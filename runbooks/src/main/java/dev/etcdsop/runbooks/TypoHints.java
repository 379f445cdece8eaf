package dev.etcdsop.runbooks;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known name an operator probably meant, by edit distance. */
public final class TypoHints {
    /** Two edits catch swapped, missing and doubled letters without matching unrelated names. */
    private static final int MAX_DISTANCE = 2;

    private TypoHints() {
    }

    public static Optional<String> closest(String name, Collection<String> known) {
        return known.stream()
                .filter(k -> !k.equals(name))
                .filter(k -> distance(name, k) <= MAX_DISTANCE)
                .min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k));
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("gaurd" vs "guard" is one). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
