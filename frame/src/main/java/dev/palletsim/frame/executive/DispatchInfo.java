package dev.palletsim.frame.executive;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;

/**
 * What is known of an extrinsic before it runs (Substrate's {@code DispatchInfo}, from {@code
 * GetDispatchInfo}): its declared weight, the runtime's extrinsic base weight plus what the call
 * declares ({@link Call#weight}). The executive refuses a call whose declared weight does not fit
 * in the block before running it; a fee pallet charges by it ({@code Runtime.dispatchInfo(call)}).
 *
 * @param weight the extrinsic base weight plus the call's declared weight
 * @param declared whether the call's type declares its weight; when {@code false} the call relies
 *     on {@link Call#weight}'s default (nothing beyond the base weight) and the executive checks
 *     what it actually used after it ran
 */
public record DispatchInfo(Weight weight, boolean declared) {
  /** The dispatch info of {@code call} run by {@code pallet} under {@code costs}. */
  static <P extends Pallet> DispatchInfo of(Call<P> call, P pallet, WeightCosts costs) {
    return new DispatchInfo(
        costs.extrinsicBase().plus(call.weight(pallet, costs)), declaresWeight(call.getClass()));
  }

  private static final ClassValue<Boolean> DECLARES =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("weight", Pallet.class, WeightCosts.class).getDeclaringClass()
                != Call.class;
          } catch (NoSuchMethodException e) {
            return false;
          }
        }
      };

  /** Whether the call type {@code type} declares its weight (overrides {@link Call#weight}). */
  public static boolean declaresWeight(Class<?> type) {
    return DECLARES.get(type);
  }
}
