package com.example.pinning;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;

/**
 * The pinning pallet's events (FRAME's {@code #[pallet::event]}): one record per variant. {@code
 * Event.Of<PinningPallet>} gives each its pallet's name; nothing here writes it.
 */
public sealed interface PinningEvent extends Event.Of<PinningPallet> {
  /** {@code owner} pinned {@code cid} until block {@code until}, reserving {@code deposit}. */
  record Pinned(long id, AccountId owner, Cid cid, long until, long deposit)
      implements PinningEvent {}

  /** The owner removed pin {@code id} early; its deposit is free again. */
  record Unpinned(long id) implements PinningEvent {}

  /** Pin {@code id} reached its end; its deposit is free again. */
  record Expired(long id) implements PinningEvent {}
}
