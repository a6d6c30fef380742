package dev.palletsim.frame.system;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;

/** The calls of System. */
public sealed interface SystemCall extends Call<SystemPallet> {
  /** Does nothing but cost weight (frame-system's {@code remark}). */
  record Remark(String remark) implements SystemCall {
    @Override
    public Weight weight(SystemPallet p, WeightCosts w) {
      return Weight.ZERO;
    }

    @Override
    public void dispatch(SystemPallet pallet, Tx tx, Origin origin) {
      pallet.remark(tx, origin, remark);
    }
  }

  /** Makes a remark and emits it as an event. */
  record RemarkWithEvent(String remark) implements SystemCall {
    @Override
    public Weight weight(SystemPallet p, WeightCosts w) {
      return Weight.ZERO;
    }

    @Override
    public void dispatch(SystemPallet pallet, Tx tx, Origin origin) {
      pallet.remarkWithEvent(tx, origin, remark);
    }
  }
}
