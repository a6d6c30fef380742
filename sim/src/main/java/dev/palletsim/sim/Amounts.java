package dev.palletsim.sim;

import dev.palletsim.frame.primitives.Units;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts as scenario files write them: an integer, or a number with a unit ({@code 5 TOKEN},
 * {@code 0.5 TOKEN}, {@code 20 MILLI_TOKEN}, {@code 32 GIB}) that comes to a whole number of planck
 * or bytes in a {@code long}. The one parser behind agent and preset parameters ({@link Params})
 * and call arguments, so that every malformed or overflowing amount is reported the same way, with
 * the real reason: {@code 99999999999999999 TOKEN overflows a balance (max 922337203.6854775807
 * TOKEN)}.
 */
public final class Amounts {
  private static final Pattern AMOUNT =
      Pattern.compile("([+-]?[0-9][0-9_]*(?:\\.[0-9][0-9_]*)?)\\s*([A-Za-z_]+)?");

  /** The units an amount may carry, by upper-case name: planck for tokens, bytes for sizes. */
  public static final Map<String, Long> UNITS = units();

  /** The units, for messages. */
  public static final String UNIT_NAMES = "TOKEN, MILLI_TOKEN, PLANCK, BYTES, KIB, MIB, GIB, TIB";

  private Amounts() {}

  private static Map<String, Long> units() {
    Map<String, Long> u = new LinkedHashMap<>();
    u.put("TOKEN", Units.TOKEN);
    u.put("TOKENS", Units.TOKEN);
    u.put("MILLI_TOKEN", Units.MILLI_TOKEN);
    u.put("MILLI_TOKENS", Units.MILLI_TOKEN);
    u.put("PLANCK", 1L);
    u.put("BYTES", 1L);
    u.put("KIB", Units.KIB);
    u.put("MIB", Units.MIB);
    u.put("GIB", Units.GIB);
    u.put("TIB", Units.TIB);
    return java.util.Collections.unmodifiableMap(u);
  }

  /**
   * Whether {@code text} has the shape of an amount (a number, optionally with a word after it).
   */
  public static boolean looksLikeAmount(String text) {
    return AMOUNT.matcher(text.trim()).matches();
  }

  /**
   * The amount {@code text} in planck or bytes; {@code what} names the value in an overflow message
   * when no unit says it ({@code "a balance"}; {@code ""}: a 64-bit integer). Throws {@link
   * IllegalArgumentException} with the reason: not an amount, an unknown unit, not a whole number
   * of planck or bytes, or too large for a {@code long} (naming the maximum).
   */
  public static long parse(String text, String what) {
    String t = text.trim();
    Matcher m = AMOUNT.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected an amount (e.g. 1000, 5 TOKEN, 32 GIB), got \"" + t + "\"");
    }
    BigDecimal value = new BigDecimal(m.group(1).replace("_", ""));
    String unitName = m.group(2) == null ? null : m.group(2).toUpperCase(Locale.ROOT);
    long unit = 1;
    if (unitName != null) {
      Long u = UNITS.get(unitName);
      if (u == null) {
        throw new IllegalArgumentException(
            "unknown unit '" + m.group(2) + "' in \"" + t + "\" (units: " + UNIT_NAMES + ")");
      }
      unit = u;
    }
    BigDecimal base = value.multiply(BigDecimal.valueOf(unit));
    if (base.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          t + " is not a whole number of " + (isSize(unitName) ? "bytes" : "planck"));
    }
    if (base.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(overflow(t, unitName, unit, what));
    }
    return base.longValueExact();
  }

  /**
   * {@code "… overflows a balance (max 922337203.6854775807 TOKEN)"}: the maximum in the unit
   * written, or for a number without unit in the terms {@code what} gives.
   */
  private static String overflow(String text, String unitName, long unit, String what) {
    if (unitName != null) {
      String kind = isSize(unitName) ? "a size" : "a balance";
      return text + " overflows " + kind + " (max " + inUnit(unit) + " " + unitName + ")";
    }
    if (what == null || what.isEmpty()) {
      return text + " overflows a 64-bit integer (max " + Long.MAX_VALUE + ")";
    }
    String max =
        what.equals("a balance")
            ? Long.MAX_VALUE + " planck = " + inUnit(Units.TOKEN) + " TOKEN"
            : String.valueOf(Long.MAX_VALUE);
    return text + " overflows " + what + " (max " + max + ")";
  }

  private static boolean isSize(String unitName) {
    return unitName != null && !unitName.contains("TOKEN") && !unitName.equals("PLANCK");
  }

  /** {@link Long#MAX_VALUE} in {@code unit}s: exact when that is a short decimal, else floored. */
  private static String inUnit(long unit) {
    BigDecimal max = BigDecimal.valueOf(Long.MAX_VALUE);
    BigDecimal exact = max.divide(BigDecimal.valueOf(unit), 20, RoundingMode.DOWN);
    BigDecimal shown =
        exact.stripTrailingZeros().scale() <= 10 ? exact : exact.setScale(2, RoundingMode.DOWN);
    return shown.stripTrailingZeros().toPlainString();
  }
}
