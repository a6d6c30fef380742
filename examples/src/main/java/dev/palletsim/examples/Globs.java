package dev.palletsim.examples;

/**
 * Series and counter name patterns where {@code *} matches any text ({@code weight.*}, {@code
 * authored.*}): whether a name matches one, and whether two patterns can match a common name (a
 * chart's pattern against a metric's declared name, whose labels are wildcards too).
 */
final class Globs {
  private Globs() {}

  /** Whether {@code name} matches {@code glob}. */
  static boolean matches(String glob, String name) {
    return intersect(glob, name);
  }

  /**
   * Whether some name matches both {@code a} and {@code b}: a walk over both patterns in which a
   * {@code *} of either may take any number of the other's characters (and {@code *}s).
   */
  static boolean intersect(String a, String b) {
    int n = a.length();
    int m = b.length();
    // can[i][j]: the rests a[i..] and b[j..] can match a common name
    boolean[][] can = new boolean[n + 1][m + 1];
    can[n][m] = true;
    for (int i = n; i >= 0; i--) {
      for (int j = m; j >= 0; j--) {
        if (i == n && j == m) continue;
        boolean starA = i < n && a.charAt(i) == '*';
        boolean starB = j < m && b.charAt(j) == '*';
        boolean ok = false;
        if (starA) ok = can[i + 1][j] || (j < m && can[i][j + 1]);
        if (!ok && starB) ok = can[i][j + 1] || (i < n && can[i + 1][j]);
        if (!ok && !starA && !starB && i < n && j < m) {
          ok = a.charAt(i) == b.charAt(j) && can[i + 1][j + 1];
        }
        can[i][j] = ok;
      }
    }
    return can[0][0];
  }
}
