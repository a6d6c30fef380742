package dev.palletsim.collatorpower;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Backing;
import dev.palletsim.frame.traits.CollatorCandidates;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * A mock runtime with the collator power pallet, the {@link DriverPallet} and {@link
 * FakeCandidates}, plus one-line helpers for the calls the tests make. Invariants run after every
 * block (the mock runtime's default).
 */
final class PowerHarness {
  static final AccountId C1 = Dev.account("collator-1");
  static final AccountId C2 = Dev.account("collator-2");
  static final AccountId C3 = Dev.account("collator-3");
  static final AccountId C4 = Dev.account("collator-4");
  static final AccountId C5 = Dev.account("collator-5");
  static final AccountId NOT_A_CANDIDATE = Dev.account("stranger");

  /** The testnet preset's minimum delegation, the unit most tests count in. */
  static final long MIN = CollatorPowerConfig.testnet().minDelegation();

  final FakeCandidates candidates;
  final Chain chain;

  private PowerHarness(CollatorPowerConfig config, Seq<AccountId> candidateAccounts) {
    this.candidates = new FakeCandidates(candidateAccounts);
    this.chain =
        MockRuntime.builder()
            .pallet(c -> new CollatorPowerPallet(config, c))
            .pallet(DriverPallet::new)
            .coupling(CollatorCandidates.class, candidates)
            .start();
  }

  /** The testnet preset, candidates C1–C5. */
  static PowerHarness testnet() {
    return with(CollatorPowerConfig.testnet());
  }

  /** {@code config}, candidates C1–C5. */
  static PowerHarness with(CollatorPowerConfig config) {
    return new PowerHarness(config, List.of(C1, C2, C3, C4, C5));
  }

  /** {@code config} and the given candidates. */
  static PowerHarness with(CollatorPowerConfig config, Seq<AccountId> candidates) {
    return new PowerHarness(config, candidates);
  }

  CollatorPowerPallet pallet() {
    return chain.runtime().pallet(CollatorPowerPallet.class);
  }

  // ---------------------------------------------------------------- calls

  DispatchOutcome createMiner(AccountId miner) {
    return chain.dispatch(miner, new CollatorPowerCall.CreateMiner());
  }

  DispatchOutcome registerByProvider(AccountId miner) {
    return chain.dispatch(Origin.root(), new DriverCall.RegisterMiner(miner));
  }

  DispatchOutcome updatePower(AccountId miner, long delta) {
    return chain.dispatch(Origin.root(), new DriverCall.UpdateMinerPower(miner, delta));
  }

  DispatchOutcome delegate(AccountId miner, AccountId collator, long amount) {
    return chain.dispatch(miner, new CollatorPowerCall.DelegatePower(collator, amount));
  }

  DispatchOutcome undelegate(AccountId miner, AccountId collator, long amount) {
    return chain.dispatch(miner, new CollatorPowerCall.Undelegate(collator, amount));
  }

  DispatchOutcome redelegate(AccountId miner, AccountId from, AccountId to, long amount) {
    return chain.dispatch(miner, new CollatorPowerCall.Redelegate(from, to, amount));
  }

  /** Collator selection drops {@code collator} from its candidates and tells the pallet. */
  DispatchOutcome removeCollator(AccountId collator, CollatorRemoval reason) {
    if (collator != null) candidates.remove(collator);
    return chain.dispatch(Origin.root(), new DriverCall.RemoveCollator(collator, reason));
  }

  /** Registers {@code miner} through {@code create_miner} and gives it {@code power} bytes. */
  PowerHarness minerWithPower(AccountId miner, long power) {
    assertThat(createMiner(miner)).isSuccess();
    if (power > 0) assertThat(updatePower(miner, power)).isSuccess();
    return this;
  }

  /** Delegates, asserting success. */
  PowerHarness delegated(AccountId miner, AccountId collator, long amount) {
    assertThat(delegate(miner, collator, amount)).isSuccess();
    return this;
  }

  // ---------------------------------------------------------------- reads

  MinerClaim claim(AccountId miner) {
    return pallet().claim(chain.world(), miner).get();
  }

  long stake(AccountId miner, AccountId collator) {
    return claim(miner).stakeOn(collator);
  }

  long powerOf(AccountId collator) {
    return pallet().powerOf(chain.world(), collator);
  }

  Seq<Backing> backersOf(AccountId collator) {
    return pallet().backersOf(chain.world(), collator);
  }

  long freePower(AccountId miner) {
    return pallet().freePower(chain.world(), miner);
  }

  long lockedPower(AccountId miner) {
    return pallet().lockedPower(chain.world(), miner);
  }
}
