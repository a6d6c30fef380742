package dev.palletsim.frame;

import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * A pallet: configuration and coupling references, never state (ARCHITECTURE §3). The same instance
 * serves every fork of a chain; all state lives in the {@link World} and is reached through {@link
 * Tx}. Hooks mirror FRAME's {@code #[pallet::hooks]}. A pallet's name is declared once, with {@link
 * PalletName} on its class.
 */
public interface Pallet {
  /**
   * The pallet's name, also the prefix of its storage items and the pallet of its errors and events
   * (e.g. "Market"): the {@link PalletName} its class declares. A pallet written before {@link
   * PalletName} may still override this method instead; when a class does both, the runtime checks
   * that they agree.
   *
   * @throws IllegalStateException if the class neither declares a name nor overrides this method
   */
  default String name() {
    return PalletTypes.name(getClass());
  }

  /**
   * The name the pallet class {@code type} declares with {@link PalletName}, without an instance:
   * what its storage items use as their prefix ({@code StorageMap.hashed(Pallet.nameOf(
   * MarketPallet.class), "Proposals")}). Reading it does not initialise the class.
   *
   * @throws IllegalStateException if the class declares no name
   */
  static String nameOf(Class<? extends Pallet> type) {
    return PalletTypes.name(type);
  }

  /**
   * Whether the pallet class {@code type} declares its name with {@link PalletName} (a pallet
   * written before it may override {@link #name()} instead).
   */
  static boolean declaresName(Class<? extends Pallet> type) {
    return PalletTypes.declaresName(type);
  }

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
