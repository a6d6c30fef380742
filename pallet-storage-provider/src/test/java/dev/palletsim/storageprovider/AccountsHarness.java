package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeBeneficiary;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeOwnerAddress;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeWorkerAddress;
import dev.palletsim.storageprovider.StorageProviderCall.ConfirmChangeWorkerAddress;
import dev.palletsim.storageprovider.StorageProviderCall.RepayDebt;
import dev.palletsim.storageprovider.StorageProviderCall.WithdrawBalance;
import dev.palletsim.storageprovider.StorageProviderEvent.BalanceWithdrawn;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * builtin-actors' miner {@code ActorHarness} with its accounts ({@code actors/miner/tests/util.rs})
 * under {@link StorageProviderConfig#filecoin()}: the miner is account {@code f01000} (the Rust
 * harness's receiver), its owner {@code f0100}, its worker {@code f0101} and its control addresses
 * {@code f0999}, {@code f0998}, {@code f0997}, registered at once with its proving-period offset
 * pinned; the beneficiary starts as the owner. Accounts are the dev keyring's, named by the actor
 * ids they stand for, so their worker keys sign block headers. The miner's balance is its account's
 * free balance (docs/design.md, "Provider funds"); {@link FilecoinHarness#NETWORK} are the network
 * inputs. The owner, worker and control addresses hold 10 × {@code BIG_BALANCE} of their own, to
 * send along. The helpers keep the Rust names and check what the Rust helpers check.
 */
final class AccountsHarness {
  static final AccountId MINER = actor(1000);
  static final AccountId OWNER = actor(100);
  static final AccountId WORKER = actor(101);
  static final Seq<AccountId> CONTROLS = List.of(actor(999), actor(998), actor(997));
  static final Option<AccountId> M = Option.some(MINER);

  /** The account standing for builtin-actors' actor {@code id}. */
  static AccountId actor(long id) {
    return Keyring.account("f0" + id);
  }

  /** The worker key of actor {@code id}. */
  static java.security.PrivateKey key(long id) {
    return Keyring.privateKey("f0" + id);
  }

  final SpHarness sp;
  final StorageProviderConfig config;

  /** The current beneficiary, as the Rust harness tracks it. */
  AccountId beneficiary = OWNER;

  private AccountsHarness(SpHarness sp) {
    this.sp = sp;
    this.config = sp.config;
  }

  /** The miner registered at block 1 with {@code balance} planck, offset {@code periodOffset}. */
  static AccountsHarness start(long periodOffset, long balance) {
    return start(periodOffset, balance, StorageProviderConfig.filecoin());
  }

  static AccountsHarness start(long periodOffset, long balance, StorageProviderConfig config) {
    SpHarness sp =
        SpHarness.start(
            config,
            FakeMarket.withDeals(MINER, 0, Long.MAX_VALUE),
            b -> {
              b.coupling(NetworkEconomics.class, StateDriver.STORED_NETWORK)
                  .pallet(StateDriver::new);
              if (balance > 0) b.balance(MINER, balance);
              // the accounts that send funds along (repay_debts) have their own
              for (AccountId a : CONTROLS.prepend(WORKER).prepend(OWNER)) {
                b.balance(a, 10 * FilecoinHarness.BIG_BALANCE);
              }
              return b;
            });
    SpHarness.require(
        sp.chain.dispatch(
            MINER,
            new StorageProviderCall.RegisterStorageProvider(
                new dev.palletsim.frame.primitives.PeerId("f01000"),
                config.allowedPoStProofs().head(),
                Option.some(periodOffset),
                Option.some(OWNER),
                Option.some(WORKER),
                Option.some(CONTROLS))));
    return new AccountsHarness(sp);
  }

  long now() {
    return sp.now();
  }

  /** {@code rt.set_epoch(e)}: runs to block {@code e}. */
  void setEpoch(long e) {
    sp.chain.runToBlock(e);
  }

  MinerInfo info() {
    return sp.pallet.minerInfo(sp.chain.world(), MINER);
  }

  StorageProviderState state() {
    return sp.state(MINER);
  }

  long free(AccountId who) {
    return sp.chain.free(who);
  }

  long issuance() {
    return BalancesStorage.TOTAL_ISSUANCE.get(sp.chain.world());
  }

  /** Sets the miner's fee debt ({@code rt.replace_state} with {@code st.fee_debt}). */
  void setFeeDebt(long debt) {
    SpHarness.require(sp.chain.dispatch(Origin.root(), new StateDriver.SetFeeDebt(MINER, debt)));
  }

  /** {@code deadline(rt)}: the miner's deadline open now. */
  DeadlineInfo deadline() {
    return sp.pallet.currentDeadline(sp.chain.world(), MINER, now()).get();
  }

  /**
   * {@code change_worker_address}: the owner replaces the control addresses and requests {@code
   * newWorker}; on success the control addresses are the new ones.
   */
  DispatchOutcome changeWorkerAddress(AccountId newWorker, Seq<AccountId> controls) {
    DispatchOutcome out = sp.chain.dispatch(OWNER, new ChangeWorkerAddress(M, newWorker, controls));
    if (out.isSuccess()) assertThat(info().controlAddresses()).containsExactlyElementsOf(controls);
    return out;
  }

  /** {@code confirm_change_worker_address}, by the owner. */
  DispatchOutcome confirmChangeWorkerAddress() {
    return sp.chain.dispatch(OWNER, new ConfirmChangeWorkerAddress(M));
  }

  /** {@code change_owner_address} signed by {@code caller}. */
  DispatchOutcome changeOwnerAddress(AccountId caller, AccountId newOwner) {
    return sp.chain.dispatch(caller, new ChangeOwnerAddress(M, newOwner));
  }

  /**
   * {@code change_beneficiary} signed by {@code caller}; when {@code expectBeneficiary} is given,
   * the active beneficiary is then that account (and the harness tracks it).
   */
  DispatchOutcome changeBeneficiary(
      AccountId caller,
      AccountId newBeneficiary,
      long quota,
      long expiration,
      Option<AccountId> expectBeneficiary) {
    DispatchOutcome out =
        sp.chain.dispatch(caller, new ChangeBeneficiary(M, newBeneficiary, quota, expiration));
    if (out.isSuccess() && expectBeneficiary.isDefined()) {
      assertThat(info().beneficiary()).isEqualTo(expectBeneficiary.get());
      beneficiary = expectBeneficiary.get();
    }
    return out;
  }

  /** {@code propose_approve_initial_beneficiary}: the owner proposes, the nominee approves. */
  void proposeApproveInitialBeneficiary(AccountId nominee, long quota, long expiration) {
    SpHarness.require(changeBeneficiary(OWNER, nominee, quota, expiration, Option.none()));
    SpHarness.require(changeBeneficiary(nominee, nominee, quota, expiration, Option.none()));
    beneficiary = nominee;
  }

  /**
   * {@code withdraw_funds}: {@code from} withdraws {@code requested}; on success the beneficiary
   * received {@code expectedWithdrawn}, {@code expectedDebtRepaid} was burnt, and the event says
   * so. Returns the outcome.
   */
  DispatchOutcome withdrawFunds(
      AccountId from, long requested, long expectedWithdrawn, long expectedDebtRepaid) {
    long received = free(beneficiary);
    long minerFree = free(MINER);
    long issuance = issuance();
    DispatchOutcome out = sp.chain.dispatch(from, new WithdrawBalance(M, requested));
    if (!out.isSuccess()) return out;
    assertThat(out)
        .emitted(
            BalanceWithdrawn.class,
            e -> e.equals(new BalanceWithdrawn(MINER, beneficiary, requested, expectedWithdrawn)));
    assertThat(free(beneficiary) - received).isEqualTo(expectedWithdrawn);
    assertThat(minerFree - free(MINER)).isEqualTo(expectedWithdrawn + expectedDebtRepaid);
    assertThat(issuance - issuance()).isEqualTo(expectedDebtRepaid);
    return out;
  }

  /**
   * {@code repay_debts} with {@code sent} planck sent along: {@code caller} sends them to the miner
   * (a separate transfer: palletsim's calls carry no value), then repays; {@code expectedRepaid} is
   * burnt.
   */
  void repayDebts(AccountId caller, long sent, long expectedRepaid) {
    if (sent > 0) {
      SpHarness.require(
          sp.chain.dispatch(caller, new BalancesCall.TransferAllowDeath(MINER, sent)));
    }
    long issuance = issuance();
    SpHarness.require(sp.chain.dispatch(caller, new RepayDebt(M)));
    assertThat(issuance - issuance()).isEqualTo(expectedRepaid);
  }

  /**
   * A block header of the miner at {@code epoch} on {@code parent}, signed by actor {@code signer}.
   */
  BlockHeader header(long epoch, int parent, int content, long signer) {
    byte[] p = new byte[32];
    p[0] = (byte) parent;
    byte[] m = new byte[32];
    m[0] = (byte) content;
    return BlockHeader.signed(MINER, epoch, List.of(H256.of(p)), H256.of(m), key(signer));
  }
}
