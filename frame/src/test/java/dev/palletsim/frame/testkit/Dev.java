package dev.palletsim.frame.testkit;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;

/** The development accounts every test can name, from the dev keyring. */
public final class Dev {
  private Dev() {}

  public static final AccountId ALICE = Keyring.account("alice");
  public static final AccountId BOB = Keyring.account("bob");
  public static final AccountId CHARLIE = Keyring.account("charlie");
  public static final AccountId DAVE = Keyring.account("dave");
  public static final AccountId EVE = Keyring.account("eve");
  public static final AccountId FERDIE = Keyring.account("ferdie");

  /** The six named accounts, in the usual order. */
  public static final List<AccountId> ALL = List.of(ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE);

  /** The account of keyring name {@code name}. */
  public static AccountId account(String name) {
    return Keyring.account(name);
  }
}
