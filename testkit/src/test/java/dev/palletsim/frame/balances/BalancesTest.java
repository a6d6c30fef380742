package dev.palletsim.frame.balances;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.Currency.BalanceStatus;
import dev.palletsim.frame.traits.Currency.Existence;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class BalancesTest {
  static final long ED = 10;
  static final long START = MockRuntime.DEFAULT_BALANCE;
  static final AccountId NOBODY = Dev.account("nobody");

  private static Chain chain() {
    return MockRuntime.builder()
        .config(c -> c.existentialDeposit(ED))
        .pallet(CurrencyProbe::new)
        .start();
  }

  /** Runs a Currency operation inside a real extrinsic, so failures are checked like calls. */
  private static CurrencyProbe.Run probe(BiConsumer<Currency, Tx> op) {
    return new CurrencyProbe.Run(op);
  }

  @Test
  void transferMovesFreeBalanceAndEmitsTransfer() {
    Chain chain = chain();
    var out = chain.dispatch(Dev.ALICE, new BalancesCall.TransferKeepAlive(Dev.BOB, 500));
    assertThat(out).isSuccess().emittedExactly(new BalancesEvent.Transfer(Dev.ALICE, Dev.BOB, 500));
    assertThat(chain).hasFree(Dev.ALICE, START - 500).hasFree(Dev.BOB, START + 500);
  }

  @Test
  void aTransferToSelfSucceedsAndChangesNothing() {
    Chain chain = chain();
    long before = chain.stateHash();
    var out = chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.ALICE, START * 2));
    assertThat(out).isSuccess();
    assertThat(out.events()).isEmpty();
    assertThat(chain).hasFree(Dev.ALICE, START);
    // only the nonce moved
    assertThat(chain.stateHash()).isNotEqualTo(before);
  }

  @Test
  void transferringMoreThanFreeFails() {
    assertFailsWithoutEffect(
        chain(),
        Origin.signed(Dev.ALICE),
        new BalancesCall.TransferAllowDeath(Dev.BOB, START + 1),
        BalancesError.InsufficientBalance);
  }

  @Test
  void creatingAnAccountBelowTheExistentialDepositFails() {
    Chain chain = chain();
    assertFailsWithoutEffect(
        chain,
        Origin.signed(Dev.ALICE),
        new BalancesCall.TransferAllowDeath(NOBODY, ED - 1),
        BalancesError.ExistentialDeposit);
    var out = chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(NOBODY, ED));
    assertThat(out).isSuccess().emitted(BalancesEvent.Endowed.class, e -> e.freeBalance() == ED);
  }

  @Test
  void goingBelowTheExistentialDepositReapsUnderAllowDeathAndFailsUnderKeepAlive() {
    Chain chain = chain();
    chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(NOBODY, 100));
    chain.nextBlock();
    assertFailsWithoutEffect(
        chain,
        Origin.signed(NOBODY),
        new BalancesCall.TransferKeepAlive(Dev.BOB, 95),
        BalancesError.Expendability);
    long issuance = chain.runtime().balances().totalIssuance(chain.world());
    var out = chain.dispatch(NOBODY, new BalancesCall.TransferAllowDeath(Dev.BOB, 95));
    assertThat(out).isSuccess().emitted(BalancesEvent.DustLost.class, e -> e.amount() == 5);
    assertThat(chain).hasFree(NOBODY, 0);
    assertThat(chain.query(BalancesStorage.ACCOUNT, NOBODY)).isEmpty();
    assertThat(chain.runtime().balances().totalIssuance(chain.world())).isEqualTo(issuance - 5);
  }

  @Test
  void reservingMoreThanFreeFailsAndReservingWithinFreeMovesIt() {
    Chain chain = chain();
    assertFailsWithoutEffect(
        chain,
        Origin.signed(Dev.ALICE),
        probe((c, tx) -> c.reserve(tx, Dev.ALICE, START + 1)),
        BalancesError.InsufficientBalance);
    assertThat(chain.dispatch(Dev.ALICE, probe((c, tx) -> c.reserve(tx, Dev.ALICE, 300))))
        .isSuccess()
        .emittedExactly(new BalancesEvent.Reserved(Dev.ALICE, 300));
    assertThat(chain).hasFree(Dev.ALICE, START - 300).hasReserved(Dev.ALICE, 300);
  }

  @Test
  void unreservingMoreThanReservedUnreservesWhatIsThere() {
    Chain chain = chain();
    long[] moved = new long[1];
    chain.dispatch(Dev.ALICE, probe((c, tx) -> c.reserve(tx, Dev.ALICE, 40)));
    chain.dispatch(Dev.ALICE, probe((c, tx) -> moved[0] = c.unreserve(tx, Dev.ALICE, 100)));
    assertThat(moved[0]).isEqualTo(40);
    assertThat(chain).hasReserved(Dev.ALICE, 0).hasFree(Dev.ALICE, START);
  }

  @Test
  void slashingMoreThanHeldSlashesWhatIsHeldAndBurnsIt() {
    Chain chain = chain();
    long[] slashed = new long[2];
    chain.dispatch(Dev.ALICE, probe((c, tx) -> c.reserve(tx, Dev.ALICE, 70)));
    long issuance = chain.runtime().balances().totalIssuance(chain.world());
    chain.dispatch(Dev.ALICE, probe((c, tx) -> slashed[0] = c.slashReserved(tx, Dev.ALICE, 100)));
    assertThat(slashed[0]).isEqualTo(70);
    assertThat(chain).hasReserved(Dev.ALICE, 0).hasFree(Dev.ALICE, START - 70);
    chain.dispatch(Dev.BOB, probe((c, tx) -> slashed[1] = c.slash(tx, Dev.BOB, START * 3)));
    assertThat(slashed[1]).isEqualTo(START);
    assertThat(chain.query(BalancesStorage.ACCOUNT, Dev.BOB)).isEmpty();
    assertThat(chain.runtime().balances().totalIssuance(chain.world()))
        .isEqualTo(issuance - 70 - START);
  }

  @Test
  void aSlashTakesFreeFirstThenReserved() {
    Chain chain = chain();
    chain.dispatch(Dev.ALICE, probe((c, tx) -> c.reserve(tx, Dev.ALICE, START - 100)));
    chain.dispatch(Dev.ALICE, probe((c, tx) -> c.slash(tx, Dev.ALICE, 150)));
    assertThat(chain).hasFree(Dev.ALICE, 0).hasReserved(Dev.ALICE, START - 150);
  }

  @Test
  void overflowIsATypedErrorNeverAWrap() {
    Chain chain = chain();
    // any balance is bounded by the total issuance, so overflow surfaces where issuance grows
    assertFailsWithoutEffect(
        chain,
        Origin.root(),
        new BalancesCall.ForceSetBalance(Dev.BOB, Long.MAX_VALUE - 5),
        DispatchError.arithmetic(ArithmeticError.Overflow));
    assertFailsWithoutEffect(
        chain,
        Origin.signed(Dev.ALICE),
        probe((c, tx) -> c.mint(tx, Dev.CHARLIE, Long.MAX_VALUE)),
        DispatchError.arithmetic(ArithmeticError.Overflow));
  }

  @Test
  void negativeAndMissingArgumentsAreBadInput() {
    Chain chain = chain();
    assertBadInputWithoutEffect(
        chain, Origin.signed(Dev.ALICE), new BalancesCall.TransferAllowDeath(Dev.BOB, -1));
    assertBadInputWithoutEffect(
        chain, Origin.signed(Dev.ALICE), new BalancesCall.TransferKeepAlive(null, 1));
    assertBadInputWithoutEffect(
        chain, Origin.root(), new BalancesCall.ForceSetBalance(Dev.BOB, -5));
    assertBadInputWithoutEffect(chain, Origin.signed(Dev.ALICE), new BalancesCall.Burn(-1, true));
    assertBadInputWithoutEffect(
        chain, Origin.signed(Dev.ALICE), probe((c, tx) -> c.reserve(tx, Dev.ALICE, -3)));
  }

  @Test
  void rootOnlyCallsRefuseSignedOrigins() {
    Chain chain = chain();
    assertFailsWithoutEffect(
        chain,
        Origin.signed(Dev.ALICE),
        new BalancesCall.ForceSetBalance(Dev.BOB, 1),
        DispatchError.badOrigin());
    assertFailsWithoutEffect(
        chain,
        Origin.none(),
        new BalancesCall.TransferAllowDeath(Dev.BOB, 1),
        DispatchError.badOrigin());
  }

  @Test
  void forceSetBalanceMintsOrBurnsTheDifference() {
    Chain chain = chain();
    long issuance = chain.runtime().balances().totalIssuance(chain.world());
    chain.dispatch(Origin.root(), new BalancesCall.ForceSetBalance(Dev.BOB, START + 1000));
    assertThat(chain.runtime().balances().totalIssuance(chain.world())).isEqualTo(issuance + 1000);
    chain.dispatch(Origin.root(), new BalancesCall.ForceSetBalance(Dev.BOB, ED - 1));
    assertThat(chain.query(BalancesStorage.ACCOUNT, Dev.BOB)).isEmpty();
    assertThat(chain.runtime().balances().totalIssuance(chain.world())).isEqualTo(issuance - START);
  }

  @Test
  void transferAllKeepAliveLeavesTheExistentialDeposit() {
    Chain chain = chain();
    var out = chain.dispatch(Dev.ALICE, new BalancesCall.TransferAll(Dev.BOB, true));
    assertThat(out).isSuccess();
    assertThat(chain).hasFree(Dev.ALICE, ED).hasFree(Dev.BOB, 2 * START - ED);
    chain.dispatch(Dev.ALICE, new BalancesCall.TransferAll(Dev.BOB, false));
    assertThat(chain.query(BalancesStorage.ACCOUNT, Dev.ALICE)).isEmpty();
  }

  @Test
  void burningReducesIssuanceAndRepatriatingMovesReserved() {
    Chain chain = chain();
    long issuance = chain.runtime().balances().totalIssuance(chain.world());
    assertThat(chain.dispatch(Dev.ALICE, new BalancesCall.Burn(1000, true)))
        .isSuccess()
        .emitted(BalancesEvent.Burned.class);
    assertThat(chain.runtime().balances().totalIssuance(chain.world())).isEqualTo(issuance - 1000);
    chain.dispatch(Dev.ALICE, probe((c, tx) -> c.reserve(tx, Dev.ALICE, 500)));
    chain.dispatch(
        Dev.ALICE,
        probe(
            (c, tx) -> c.repatriateReserved(tx, Dev.ALICE, Dev.BOB, 200, BalanceStatus.Reserved)));
    assertThat(chain).hasReserved(Dev.ALICE, 300).hasReserved(Dev.BOB, 200);
    assertFailsWithoutEffect(
        chain,
        Origin.signed(Dev.ALICE),
        probe((c, tx) -> c.repatriateReserved(tx, Dev.ALICE, NOBODY, 100, BalanceStatus.Free)),
        BalancesError.DeadAccount);
  }

  @Test
  void keepAliveBurnRefusesToReap() {
    Chain chain = chain();
    assertFailsWithoutEffect(
        chain,
        Origin.signed(Dev.ALICE),
        probe((c, tx) -> c.burn(tx, Dev.ALICE, START - 1, Existence.KeepAlive)),
        BalancesError.Expendability);
  }

  /** A test pallet whose single call runs an arbitrary Currency operation. */
  static final class CurrencyProbe implements Pallet {
    private final Couplings couplings;

    CurrencyProbe(Couplings couplings) {
      this.couplings = couplings;
    }

    @Override
    public String name() {
      return "CurrencyProbe";
    }

    record Run(BiConsumer<Currency, Tx> op) implements dev.palletsim.frame.Call<CurrencyProbe> {
      @Override
      public Class<CurrencyProbe> palletType() {
        return CurrencyProbe.class;
      }

      @Override
      public void dispatch(CurrencyProbe pallet, Tx tx, Origin origin) {
        op.accept(pallet.couplings.require(Currency.class), tx);
      }
    }
  }
}
