package dev.palletsim.frame;

/**
 * A pallet event (FRAME's {@code #[pallet::event]}). Each pallet declares a sealed interface
 * extending this one, with one record per variant, so that tests and reports can match events by
 * type and read their fields.
 */
public interface Event {
  /** The name of the pallet that emits the event. */
  String pallet();

  /** The variant's name (the record's simple name). */
  default String variant() {
    return getClass().getSimpleName();
  }
}
