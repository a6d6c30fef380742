package dev.palletsim.frame;

/**
 * Checked arithmetic on amounts, power and block numbers (ARCHITECTURE §3): overflow, underflow
 * below zero and division by zero fail the call with {@link DispatchError.Arithmetic}, never wrap.
 * "Underflow" here means a result below zero, because every quantity palletsim counts is unsigned
 * in Substrate.
 */
public final class Checked {
  private Checked() {}

  /** {@code a + b}; fails on overflow. */
  public static long add(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) throw overflow();
    if (r < 0) throw underflow();
    return r;
  }

  /** {@code a - b}; fails when the result would be below zero. */
  public static long sub(long a, long b) {
    long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) throw overflow();
    if (r < 0) throw underflow();
    return r;
  }

  /** {@code a * b}; fails on overflow or a negative result. */
  public static long mul(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) throw overflow();
    if (lo < 0) throw underflow();
    return lo;
  }

  /** {@code a / b} rounded down; fails when {@code b} is zero. */
  public static long div(long a, long b) {
    if (b == 0)
      throw new DispatchException(DispatchError.arithmetic(ArithmeticError.DivisionByZero));
    return a / b;
  }

  /**
   * {@code a * b / c} rounded down, computed without intermediate overflow (a 128-bit product);
   * fails when the quotient does not fit or {@code c} is zero. All arguments must be non-negative.
   */
  public static long mulDiv(long a, long b, long c) {
    if (c == 0)
      throw new DispatchException(DispatchError.arithmetic(ArithmeticError.DivisionByZero));
    if (a < 0 || b < 0 || c < 0) throw underflow();
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if (hi == 0 && lo >= 0) return lo / c;
    java.math.BigInteger product =
        java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b));
    java.math.BigInteger q = product.divide(java.math.BigInteger.valueOf(c));
    if (q.bitLength() > 63) throw overflow();
    return q.longValue();
  }

  /** {@code max(0, a - b)}: Substrate's {@code saturating_sub} for unsigned amounts. */
  public static long saturatingSub(long a, long b) {
    return a > b ? a - b : 0;
  }

  private static DispatchException overflow() {
    return new DispatchException(DispatchError.arithmetic(ArithmeticError.Overflow));
  }

  private static DispatchException underflow() {
    return new DispatchException(DispatchError.arithmetic(ArithmeticError.Underflow));
  }
}
