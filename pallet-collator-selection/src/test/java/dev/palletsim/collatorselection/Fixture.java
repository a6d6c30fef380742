package dev.palletsim.collatorselection;

import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionStorage;
import dev.palletsim.frame.traits.CollatorPower;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.function.UnaryOperator;

/**
 * The mock runtime of the pallet tests, after upstream's {@code mock.rs}: 10-block sessions, Alice
 * and Bob invulnerable, Charlie, Dave and Eve with session keys, Ferdie without, candidacy bond 10,
 * two desired candidates, {@code KickThreshold} = one session; no pot issuance unless a test asks
 * (so balances move only by what the test does).
 */
final class Fixture {
  static final AccountId ALICE = Dev.ALICE;
  static final AccountId BOB = Dev.BOB;
  static final AccountId CHARLIE = Dev.CHARLIE;
  static final AccountId DAVE = Dev.DAVE;
  static final AccountId EVE = Dev.EVE;
  static final AccountId FERDIE = Dev.FERDIE;
  static final AccountId MINER_1 = Dev.account("miner-1");
  static final AccountId MINER_2 = Dev.account("miner-2");

  /** The invulnerables as stored: sorted. */
  static final Vector<AccountId> GENESIS_INVULNERABLES = Vector.of(ALICE, BOB).sorted();

  static final long BOND = 10;
  static final long BALANCE = MockRuntime.DEFAULT_BALANCE;

  private Fixture() {}

  static CollatorSelectionConfig config() {
    return CollatorSelectionConfig.builder()
        .from(CollatorSelectionConfig.testnet())
        .potIssuancePerBlock(0)
        .build();
  }

  /** The mock runtime builder, with {@code adjust} applied to the testnet config. */
  static MockRuntime.Builder builder(
      FakeCollatorPower power, UnaryOperator<ImmutableCollatorSelectionConfig.Builder> adjust) {
    CollatorSelectionConfig config =
        adjust.apply(CollatorSelectionConfig.builder().from(config())).build();
    return MockRuntime.builder()
        .pallet(c -> new CollatorSelectionPallet(config, c))
        .coupling(CollatorPower.class, power)
        .authorities(List.of(ALICE, BOB, CHARLIE, DAVE, EVE))
        .genesis(new CollatorSelectionGenesis(List.of(BOB, ALICE), BOND, 2));
  }

  static Chain chain(FakeCollatorPower power) {
    return builder(power, c -> c).start();
  }

  static Chain chain() {
    return chain(new FakeCollatorPower());
  }

  static CollatorSelectionPallet pallet(Chain chain) {
    return chain.runtime().pallet(CollatorSelectionPallet.class);
  }

  static Vector<AccountId> validators(Chain chain) {
    return chain.query(SessionStorage.VALIDATORS);
  }

  static Vector<AccountId> queued(Chain chain) {
    return chain.query(SessionStorage.QUEUED_VALIDATORS);
  }

  static Vector<AccountId> authorities(Chain chain) {
    return chain.query(SessionStorage.AUTHORITIES);
  }

  static boolean isCandidate(Chain chain, AccountId who) {
    return CollatorSelectionStorage.CANDIDATES.contains(chain.world(), who);
  }
}
