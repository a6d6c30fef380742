package dev.palletsim.frame;

/**
 * A dispatchable call, one variant of a pallet's call enum (FRAME's {@code #[pallet::call]}). Each
 * pallet declares a sealed interface of records extending {@code Call<ItsPallet>}, one record per
 * extrinsic; the record holds the arguments, declares its weight and forwards to the pallet's
 * method of the same name. Records make calls values: they can be logged, compared, stored in block
 * records and built from scenario files.
 *
 * <pre>{@code
 * public sealed interface CounterCall extends Call<CounterPallet> {
 *   record Increment(long by) implements CounterCall {
 *     public Weight weight(CounterPallet p, WeightCosts costs) {
 *       return costs.readsWrites(1, 1);
 *     }
 *
 *     public void dispatch(CounterPallet p, Tx tx, Origin origin) {
 *       p.increment(tx, origin, by);
 *     }
 *   }
 * }
 * }</pre>
 *
 * @param <P> the pallet that handles the call
 */
public interface Call<P extends Pallet> {
  /**
   * The pallet class that handles this call; the runtime finds its instance by this type. It is the
   * type argument the call declares ({@code Call<MarketPallet>}); a call type written before that
   * was derived may still override this method.
   */
  @SuppressWarnings("unchecked")
  default Class<P> palletType() {
    return (Class<P>) PalletTypes.callPallet(getClass());
  }

  /**
   * Runs the call against {@code pallet} inside {@code tx}. Fails by throwing {@link
   * DispatchException}; the runtime catches it, discards the transaction and records the error.
   */
  void dispatch(P pallet, Tx tx, Origin origin);

  /**
   * The weight this call declares before it runs, FRAME's {@code #[pallet::weight]}: a constant or
   * a function of the call's arguments and of {@code pallet}'s configuration (its bounds), usually
   * counted in the storage reads, writes and work items of {@code costs} ({@code
   * costs.readsWrites(2, 1)}, {@code costs.items(deals.size())}). It must bound the work the call
   * does on its most expensive path, and must not fail: it is read for hostile arguments too (a
   * {@code null} list counts as empty, see {@link Weight#countOf}).
   *
   * <p>The executive adds the runtime's extrinsic base weight ({@link WeightCosts#extrinsicBase()})
   * and refuses a call whose declared weight does not fit in what is left of the block ({@link
   * DispatchError.Exhausted}) before it runs, as Substrate's block builder does. After the call,
   * the block is charged what it actually used (metered reads, writes and items), as a refund of
   * the unused part of the declaration; the block record keeps both per call ({@code
   * DispatchOutcome.declaredWeight()} and {@code weight()}). A fee pallet reads the declaration
   * before dispatch through {@code Runtime.dispatchInfo(call)}.
   *
   * <p>The default, for a call type that does not override this method, is {@link Weight#ZERO}: the
   * call is admitted on the extrinsic base weight alone and, as before calls declared weights, is
   * reverted as {@link DispatchError.Exhausted} after it ran if what it used does not fit. Every
   * call of palletsim's own pallets declares its weight, but for two Root calls of the market whose
   * work is a backlog unknown before they run ({@code CronTick}, {@code ForceLegacyDeal}).
   */
  default Weight weight(P pallet, WeightCosts costs) {
    return Weight.ZERO;
  }

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
