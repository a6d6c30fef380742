package dev.palletsim.frame;

/**
 * A dispatchable call, one variant of a pallet's call enum (FRAME's {@code #[pallet::call]}). Each
 * pallet declares a sealed interface of records, one per extrinsic; the record holds the arguments
 * and forwards to the pallet's method of the same name. Records make calls values: they can be
 * logged, compared, stored in block records and built from scenario files.
 *
 * @param <P> the pallet that handles the call
 */
public interface Call<P extends Pallet> {
  /** The pallet class that handles this call; the runtime finds its instance by this type. */
  Class<P> palletType();

  /**
   * Runs the call against {@code pallet} inside {@code tx}. Fails by throwing {@link
   * DispatchException}; the runtime catches it, discards the transaction and records the error.
   */
  void dispatch(P pallet, Tx tx, Origin origin);

  /** The call's name in FRAME's snake case, e.g. {@code publish_storage_deals}. */
  default String callName() {
    String simple = getClass().getSimpleName();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < simple.length(); i++) {
      char c = simple.charAt(i);
      if (Character.isUpperCase(c) && i > 0) out.append('_');
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}
