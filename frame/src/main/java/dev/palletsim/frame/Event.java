package dev.palletsim.frame;

/**
 * A pallet event (FRAME's {@code #[pallet::event]}). Each pallet declares a sealed interface
 * extending {@link Of} with its pallet class ({@code sealed interface MarketEvent extends
 * Event.Of<MarketPallet>}), with one record per variant, so that tests and reports can match events
 * by type and read their fields.
 */
public interface Event {
  /**
   * The name of the pallet that emits the event. {@link Of} derives it from the pallet's {@link
   * PalletName}; an event type written before {@link Of} implements it itself.
   */
  String pallet();

  /** The variant's name (the record's simple name). */
  default String variant() {
    return getClass().getSimpleName();
  }

  /**
   * An event of pallet {@code P}: its {@link #pallet()} is the name {@code P} declares with {@link
   * PalletName}, so an event type never writes its pallet's name.
   *
   * @param <P> the pallet that emits the event
   */
  interface Of<P extends Pallet> extends Event {
    @Override
    default String pallet() {
      return PalletTypes.name(PalletTypes.eventPallet(getClass()));
    }
  }
}
