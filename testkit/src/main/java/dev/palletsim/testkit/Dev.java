package dev.palletsim.testkit;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;

/** The development accounts every test can name, from the dev keyring. */
public final class Dev {
  private Dev() {}

  /** Alice, from the dev keyring. */
  public static final AccountId ALICE = Keyring.account("alice");

  /** Bob, from the dev keyring. */
  public static final AccountId BOB = Keyring.account("bob");

  /** Charlie, from the dev keyring. */
  public static final AccountId CHARLIE = Keyring.account("charlie");

  /** Dave, from the dev keyring. */
  public static final AccountId DAVE = Keyring.account("dave");

  /** Eve, from the dev keyring. */
  public static final AccountId EVE = Keyring.account("eve");

  /** Ferdie, from the dev keyring. */
  public static final AccountId FERDIE = Keyring.account("ferdie");

  /** The six named accounts, in the usual order. */
  public static final List<AccountId> ALL = List.of(ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE);

  /** The account of keyring name {@code name}. */
  public static AccountId account(String name) {
    return Keyring.account(name);
  }
}
