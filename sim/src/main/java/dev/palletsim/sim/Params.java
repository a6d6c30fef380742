package dev.palletsim.sim;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to an agent's or preset's parameters from a scenario file, with errors that name the
 * parameter. Amounts may be written with a unit ({@code 5 TOKEN}, {@code 20 MILLI_TOKEN}, {@code 32
 * GIB}) or as plain planck or bytes, as {@link Amounts} parses them.
 */
public final class Params {
  private final String owner;
  private final Map<String, Object> values;

  /** Parameters of {@code owner} (for messages), checked against {@code allowed} keys. */
  public Params(String owner, Map<String, Object> values, Set<String> allowed) {
    this.owner = owner;
    this.values = values == null ? Map.of() : values;
    for (String k : this.values.keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(
            owner
                + ": unknown parameter '"
                + k
                + "' (known: "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ")");
      }
    }
  }

  /** Whether {@code key} is given. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** An integer parameter. */
  public long longValue(String key, long fallback) {
    Object v = values.get(key);
    if (v == null) return fallback;
    if (v instanceof Number n && n.doubleValue() == n.longValue()) return n.longValue();
    if (v instanceof String s) return parseAmount(s, key);
    throw bad(key, v, "an integer");
  }

  /** A number parameter. */
  public double doubleValue(String key, double fallback) {
    Object v = values.get(key);
    if (v == null) return fallback;
    if (v instanceof Number n) return n.doubleValue();
    throw bad(key, v, "a number");
  }

  /** A boolean parameter. */
  public boolean booleanValue(String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null) return fallback;
    if (v instanceof Boolean b) return b;
    throw bad(key, v, "true or false");
  }

  /** A text parameter. */
  public String string(String key, String fallback) {
    Object v = values.get(key);
    if (v == null) return fallback;
    if (v instanceof String s) return s;
    throw bad(key, v, "text");
  }

  /** An account parameter, by keyring name. */
  public AccountId account(String key, String fallbackName) {
    return Keyring.account(string(key, fallbackName));
  }

  /** A list-of-names parameter. */
  @SuppressWarnings("unchecked")
  public java.util.List<String> names(String key) {
    Object v = values.get(key);
    if (v == null) return java.util.List.of();
    if (v instanceof java.util.List<?> l && l.stream().allMatch(x -> x instanceof String)) {
      return (java.util.List<String>) l;
    }
    throw bad(key, v, "a list of names");
  }

  private long parseAmount(String s, String key) {
    try {
      return Amounts.parse(s, "");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(owner + ": parameter '" + key + "': " + e.getMessage(), e);
    }
  }

  private IllegalArgumentException bad(String key, Object v, String expected) {
    return new IllegalArgumentException(
        owner + ": parameter '" + key + "' must be " + expected + ", got " + v);
  }

  /** The amount written as {@code text} ({@code 5 TOKEN}, {@code 1 GIB}, {@code 300}). */
  public static long amount(String text) {
    return Amounts.parse(text, "");
  }
}
