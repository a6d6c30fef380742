package dev.palletsim.examples;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Name helpers for messages and lookups: a "did you mean" suggestion by edit distance and the
 * normalisation that lets scenario files write a record component in camelCase, kebab-case or
 * snake_case.
 */
public final class Names {
  private Names() {}

  /**
   * {@code " (did you mean 'x'?)"} for the closest of {@code known} within two edits, else {@code "
   * (known <what>: a, b, c)"}; empty when nothing is known.
   */
  public static String suggestion(String given, Collection<String> known, String what) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String g = given.toLowerCase(Locale.ROOT);
    for (String k : new TreeSet<>(known)) {
      String name = k.toLowerCase(Locale.ROOT);
      int d = distance(g, name);
      int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf("::") + 1);
      if (cut > 0 && !g.contains(".") && !g.contains("::")) {
        d = Math.min(d, distance(g, name.substring(cut + 1)));
      }
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    if (best != null && bestDistance <= Math.max(1, Math.min(3, given.length() / 3))) {
      return " (did you mean '" + best + "'?)";
    }
    if (known.isEmpty()) return "";
    return " (known " + what + ": " + String.join(", ", new TreeSet<>(known)) + ")";
  }

  /** Lower case without '-' and '_': {@code new-free}, {@code new_free}, {@code newFree} agree. */
  static String normalize(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** {@code TransferKeepAlive} → {@code transfer_keep_alive}, as {@code Call.callName()} does. */
  static String snake(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) out.append('_');
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** {@code sessionPeriod} → {@code session-period}. */
  static String kebab(String camel) {
    return snake(camel).replace('_', '-');
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
