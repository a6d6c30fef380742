package dev.palletsim.examples;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;

/**
 * How values read in failure messages: accounts by their keyring name, records as {@code
 * Transfer(from: alice, to: bob, amount: 50000000000)}, amounts in tokens where they are known to
 * be balances.
 */
final class Show {
  private Show() {}

  /** {@code value} for a message; {@code nothing} for null. */
  static String value(Object value) {
    if (value == null) return "nothing";
    if (value instanceof AccountId a) return Keyring.nameOf(a);
    if (value instanceof Iterable<?> items && !(value instanceof CharSequence)) {
      StringBuilder out = new StringBuilder("[");
      for (Object i : items) out.append(out.length() > 1 ? ", " : "").append(value(i));
      return out.append(']').toString();
    }
    if (value.getClass().isRecord()) {
      StringBuilder out = new StringBuilder(value.getClass().getSimpleName()).append('(');
      RecordComponent[] cs = value.getClass().getRecordComponents();
      for (int i = 0; i < cs.length; i++) {
        if (i > 0) out.append(", ");
        out.append(cs[i].getName()).append(": ");
        try {
          var accessor = cs[i].getAccessor();
          accessor.setAccessible(true);
          out.append(value(accessor.invoke(value)));
        } catch (ReflectiveOperationException e) {
          out.append('?');
        }
      }
      return out.append(')').toString();
    }
    return String.valueOf(value);
  }

  /** {@code 852518870487} planck as {@code 85.2518870487 TOKEN}. */
  static String tokens(long planck) {
    return BigDecimal.valueOf(planck)
            .divide(BigDecimal.valueOf(Units.TOKEN))
            .stripTrailingZeros()
            .toPlainString()
        + " TOKEN";
  }
}
