package dev.palletsim.frame;

/**
 * Substrate's {@code ArithmeticError}: checked arithmetic never wraps, it fails with one of these.
 */
public enum ArithmeticError {
  /** A result below the type's minimum (for amounts: below zero). */
  Underflow,
  /** A result above the type's maximum. */
  Overflow,
  /** A division by zero. */
  DivisionByZero
}
