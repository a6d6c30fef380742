package dev.palletsim.frame;

import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * A pallet: configuration and coupling references, never state (ARCHITECTURE §3). The same instance
 * serves every fork of a chain; all state lives in the {@link World} and is reached through {@link
 * Tx}. Hooks mirror FRAME's {@code #[pallet::hooks]}.
 */
public interface Pallet {
  /** The pallet's name, also the prefix of its storage items and its errors (e.g. "Market"). */
  String name();

  /**
   * The pallet's configuration (FRAME's {@code Config} constants), or {@code null} for a pallet
   * without one. The runtime describes it setting by setting ({@code Runtime.settings()}), so that
   * a saved chain records the configuration it ran under and refuses to load under another.
   */
  default Object config() {
    return null;
  }

  /** Runs at the start of every block, after System, Session and Aura (ARCHITECTURE §6). */
  default void onInitialize(Tx tx) {}

  /** Runs at the end of every block, after the extrinsics. */
  default void onFinalize(Tx tx) {}

  /** Writes the pallet's genesis state; Balances runs first, so accounts are already endowed. */
  default void buildGenesis(Tx tx, Genesis genesis) {}

  /** Invariants of this pallet's state, checked after every block when enabled. */
  default Seq<Invariant> invariants() {
    return List.empty();
  }

  /**
   * Accounts the pallet holds funds in (FRAME's {@code PalletId} accounts). The runtime endows each
   * with the existential deposit at genesis so that it is never reaped.
   */
  default Seq<AccountId> palletAccounts() {
    return List.empty();
  }

  /** The call types this pallet handles, for scenario files and documentation. */
  default Seq<Class<? extends Call<?>>> callTypes() {
    return List.empty();
  }
}
