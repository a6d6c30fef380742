package dev.palletsim.sweeps;

import java.util.List;

/**
 * What an axis sets in the base scenario, written {@code set:} in the sweep file.
 *
 * <ul>
 *   <li>{@code overrides.<section>.<setting>}: a runtime override, as a scenario's {@code
 *       overrides:} gives it;
 *   <li>{@code agents.<name>.<parameter>}: an agent parameter; {@code <name>} may be a glob ({@code
 *       sp-*}) to set it on every matching agent;
 *   <li>{@code genesis.<key>[.<key>…]}: a genesis value;
 *   <li>{@code blocks} or {@code sessions}: the run length;
 *   <li>{@code variant}: which of the scenario's variants runs.
 * </ul>
 *
 * @param kind the kind of target
 * @param path the path below the kind ({@code [market, fip0074-activation-block]}, {@code [sp-*,
 *     capacity]}, {@code [balances, alice]}); empty for length and variant
 * @param text the target as written
 */
public record Target(Kind kind, List<String> path, String text) {

  /** The kinds of target. */
  public enum Kind {
    /** A runtime override. */
    OVERRIDE,
    /** An agent parameter. */
    AGENT,
    /** A genesis value. */
    GENESIS,
    /** The run length in blocks. */
    BLOCKS,
    /** The run length in sessions. */
    SESSIONS,
    /** The variant. */
    VARIANT
  }

  /**
   * Parses {@code text}; an {@link IllegalArgumentException} says what is accepted.
   *
   * @param text the target as written after {@code set:}
   */
  public static Target parse(String text) {
    String t = text.trim();
    if (t.equals("variant")) return new Target(Kind.VARIANT, List.of(), t);
    if (t.equals("blocks")) return new Target(Kind.BLOCKS, List.of(), t);
    if (t.equals("sessions")) return new Target(Kind.SESSIONS, List.of(), t);
    List<String> parts = List.of(t.split("\\.", -1));
    boolean blank = parts.stream().anyMatch(String::isBlank);
    switch (parts.get(0)) {
      case "overrides":
        if (parts.size() == 3 && !blank) {
          return new Target(Kind.OVERRIDE, parts.subList(1, 3), t);
        }
        throw new IllegalArgumentException(
            "an override is set as overrides.<section>.<setting>, got '" + t + "'");
      case "agents":
        if (parts.size() >= 3 && !blank) {
          return new Target(Kind.AGENT, parts.subList(1, parts.size()), t);
        }
        throw new IllegalArgumentException(
            "an agent parameter is set as agents.<agent name or glob>.<parameter>, got '"
                + t
                + "'");
      case "genesis":
        if (parts.size() >= 2 && !blank) {
          return new Target(Kind.GENESIS, parts.subList(1, parts.size()), t);
        }
        throw new IllegalArgumentException(
            "a genesis value is set as genesis.<key>, got '" + t + "'");
      default:
        throw new IllegalArgumentException(
            "an axis sets overrides.<section>.<setting>, agents.<agent>.<parameter>,"
                + " genesis.<key>, blocks, sessions or variant; got '"
                + t
                + "'");
    }
  }
}
