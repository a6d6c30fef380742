package dev.palletsim.storageprovider;

import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.DispatchException;

/**
 * A raw and a quality-adjusted power, bytes (builtin-actors' {@code PowerPair}): what a sector, a
 * set of sectors or a change of them weighs. As a change either part may be negative; sums are
 * checked, an overflow failing the call.
 *
 * @param raw raw byte power: the sectors' size
 * @param qa quality-adjusted power: the raw power with verified data counted ten times
 */
public record PowerPair(long raw, long qa) {
  /** No power. */
  public static final PowerPair ZERO = new PowerPair(0, 0);

  /** This plus {@code other}. */
  public PowerPair add(PowerPair other) {
    return new PowerPair(exact(raw, other.raw, true), exact(qa, other.qa, true));
  }

  /** This minus {@code other}. */
  public PowerPair sub(PowerPair other) {
    return new PowerPair(exact(raw, other.raw, false), exact(qa, other.qa, false));
  }

  /** The opposite change. */
  public PowerPair negate() {
    return new PowerPair(-raw, -qa);
  }

  /** Whether both parts are zero. */
  public boolean isZero() {
    return raw == 0 && qa == 0;
  }

  private static long exact(long a, long b, boolean add) {
    try {
      return add ? Math.addExact(a, b) : Math.subtractExact(a, b);
    } catch (ArithmeticException e) {
      throw new DispatchException(DispatchError.arithmetic(ArithmeticError.Overflow));
    }
  }
}
