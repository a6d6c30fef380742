package dev.palletsim.frame;

/**
 * FRAME's {@code ensure!} for Java: each helper returns normally or throws a {@link
 * DispatchException} that the dispatcher turns into a typed failure. Pallet code reads as a list of
 * preconditions followed by effects.
 */
public final class Ensure {
  private Ensure() {}

  /** Fails with {@code error} unless {@code condition} holds. */
  public static void ensure(boolean condition, PalletError error) {
    if (!condition) throw new DispatchException(DispatchError.module(error));
  }

  /** Fails with {@code error} unless {@code condition} holds. */
  public static void ensure(boolean condition, DispatchError error) {
    if (!condition) throw new DispatchException(error);
  }

  /** The exception failing with {@code error}, for {@code throw fail(X)} in expressions. */
  public static DispatchException fail(PalletError error) {
    return new DispatchException(DispatchError.module(error));
  }

  /** The exception failing with {@code error}. */
  public static DispatchException fail(DispatchError error) {
    return new DispatchException(error);
  }

  /** {@code value}, or a {@link DispatchError.BadInput} naming {@code argument} when null. */
  public static <T> T present(T value, String argument) {
    if (value == null)
      throw new DispatchException(DispatchError.badInput(argument + " is missing"));
    return value;
  }

  /** {@code amount}, or a {@link DispatchError.BadInput} naming {@code argument} when negative. */
  public static long nonNegative(long amount, String argument) {
    if (amount < 0) {
      throw new DispatchException(DispatchError.badInput(argument + " is negative: " + amount));
    }
    return amount;
  }
}
