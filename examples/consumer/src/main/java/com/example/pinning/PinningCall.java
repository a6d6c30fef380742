package com.example.pinning;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.Cid;

/**
 * The pinning pallet's calls (FRAME's {@code #[pallet::call]}): one record per extrinsic, holding
 * its arguments, declaring its weight ({@code #[pallet::weight]}) and forwarding to the pallet.
 */
public sealed interface PinningCall extends Call<PinningPallet> {
  /** Pin {@code cid} for {@code blocks} blocks, reserving the deposit. */
  record PinPiece(Cid cid, long blocks) implements PinningCall {
    /** The count, the next id, the pin, the expiry queue and the reserve: 6 reads, 6 writes. */
    @Override
    public Weight weight(PinningPallet p, WeightCosts w) {
      return w.readsWrites(6, 6);
    }

    @Override
    public void dispatch(PinningPallet p, Tx tx, Origin origin) {
      p.pin(tx, origin, cid, blocks);
    }
  }

  /** Remove one's pin {@code id} before its end, freeing the deposit. */
  record Unpin(long id) implements PinningCall {
    /** The pin, the count, the expiry queue and the unreserve: 6 reads, 6 writes. */
    @Override
    public Weight weight(PinningPallet p, WeightCosts w) {
      return w.readsWrites(6, 6);
    }

    @Override
    public void dispatch(PinningPallet p, Tx tx, Origin origin) {
      p.unpin(tx, origin, id);
    }
  }
}
