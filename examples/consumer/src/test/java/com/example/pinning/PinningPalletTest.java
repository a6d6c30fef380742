package com.example.pinning;

import static dev.palletsim.testkit.PalletAssertions.assertThat;
import static dev.palletsim.testkit.PalletAssertions.assertThatThrownBy;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.balances.BalancesError;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import dev.palletsim.testkit.TestChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pinning pallet tested with the test kit: every call's success, failures and events. */
class PinningPalletTest {
  static final Cid PIECE = Commitments.piece("my data");
  static final PinningConfig CONFIG = new PinningConfig(1_000, 100, 2);

  @RegisterExtension
  final TestChain chain = TestChain.of(mock -> mock.pallet(c -> new PinningPallet(CONFIG, c)));

  @Test
  void pinningReservesTheDepositAndEmitsPinned() {
    long free = chain.free(Dev.ALICE);
    chain.assertOk(Dev.ALICE, new PinningCall.PinPiece(PIECE, 10));
    chain.assertLastEvent(new PinningEvent.Pinned(0, Dev.ALICE, PIECE, 11, 10_000));
    assertThat(chain.chain()).hasFree(Dev.ALICE, free - 10_000).hasReserved(Dev.ALICE, 10_000);
  }

  @Test
  void aPinExpiresAtTheEndOfItsLastBlock() {
    chain.assertOk(Dev.ALICE, new PinningCall.PinPiece(PIECE, 3)); // block 1: until block 4
    chain.eventsSinceLastCheck();
    chain.runToBlock(4);
    assertThat(chain.eventsSinceLastCheck(PinningEvent.class)).isEmpty();
    chain.runToBlock(5);
    assertThat(chain.eventsSinceLastCheck(PinningEvent.class))
        .containsExactly(new PinningEvent.Expired(0));
    assertThat(chain.chain()).hasReserved(Dev.ALICE, 0);
  }

  @Test
  void unpinningFreesTheDepositEarly() {
    chain.assertOk(Dev.ALICE, new PinningCall.PinPiece(PIECE, 10));
    chain.runToBlock(3);
    chain.assertOk(Dev.ALICE, new PinningCall.Unpin(0));
    chain.assertLastEvent(new PinningEvent.Unpinned(0));
    chain.runToBlock(20); // nothing left to expire at block 11
    assertThat(chain.eventsSinceLastCheck(PinningEvent.Expired.class)).isEmpty();
    assertThat(chain.chain()).hasReserved(Dev.ALICE, 0);
  }

  @Test
  void everyFailureIsTypedAndChangesNothing() {
    chain.assertNoop(Dev.ALICE, new PinningCall.PinPiece(PIECE, 0), PinningError.ZeroBlocks);
    chain.assertNoop(Dev.ALICE, new PinningCall.PinPiece(PIECE, 101), PinningError.TooLong);
    chain.assertNoop(Dev.ALICE, new PinningCall.Unpin(7), PinningError.NoSuchPin);
    chain.assertOk(Dev.ALICE, new PinningCall.PinPiece(PIECE, 1));
    chain.assertOk(Dev.ALICE, new PinningCall.PinPiece(PIECE, 1));
    chain.assertNoop(Dev.ALICE, new PinningCall.PinPiece(PIECE, 1), PinningError.TooManyPins);
    chain.assertNoop(Dev.BOB, new PinningCall.Unpin(0), PinningError.NotOwner);
    chain.assertNoop(Origin.root(), new PinningCall.Unpin(0), new DispatchError.BadOrigin());
    AccountId poor = Dev.account("poor");
    chain.assertNoop(poor, new PinningCall.PinPiece(PIECE, 1), BalancesError.InsufficientBalance);
  }

  @Test
  void declaredWeightsBoundWhatTheCallsDo() {
    var pinned = chain.assertOk(Dev.ALICE, new PinningCall.PinPiece(PIECE, 10));
    var unpinned = chain.assertOk(Dev.ALICE, new PinningCall.Unpin(0));
    assertThat(pinned.weight()).isLessThanOrEqualTo(pinned.declaredWeight());
    assertThat(unpinned.weight()).isLessThanOrEqualTo(unpinned.declaredWeight());
    assertThat(chain.runtime().dispatchInfo(new PinningCall.Unpin(0)).weight())
        .isEqualTo(unpinned.declaredWeight());
  }

  /** Balances reached through the Currency trait: a fake that loses the reserve breaks the pallet. */
  @Test
  void theCouplingIsATraitATestCanReplace() {
    var chain =
        MockRuntime.builder()
            .pallet(c -> new PinningPallet(CONFIG, c))
            .coupling(Currency.class, new ForgetfulCurrency())
            .start();
    chain.dispatch(Dev.ALICE, new PinningCall.PinPiece(PIECE, 10));
    assertThatThrownBy(chain::nextBlock)
        .hasMessageContaining("every pin's deposit is reserved from its owner");
  }

  /** A currency that accepts every reserve and reserves nothing. */
  static final class ForgetfulCurrency implements Currency {
    @Override
    public long free(StateView view, AccountId who) {
      return Long.MAX_VALUE;
    }

    @Override
    public long reserved(StateView view, AccountId who) {
      return 0;
    }

    @Override
    public long totalIssuance(StateView view) {
      return 0;
    }

    @Override
    public long existentialDeposit() {
      return 1;
    }

    @Override
    public void transfer(Tx tx, AccountId from, AccountId to, long amount, Existence existence) {}

    @Override
    public void reserve(Tx tx, AccountId who, long amount) {}

    @Override
    public long unreserve(Tx tx, AccountId who, long amount) {
      return amount;
    }

    @Override
    public long slashReserved(Tx tx, AccountId who, long amount) {
      return amount;
    }

    @Override
    public long slash(Tx tx, AccountId who, long amount) {
      return amount;
    }

    @Override
    public long repatriateReserved(
        Tx tx, AccountId from, AccountId to, long amount, BalanceStatus destination) {
      return amount;
    }

    @Override
    public void burn(Tx tx, AccountId who, long amount, Existence existence) {}

    @Override
    public void mint(Tx tx, AccountId who, long amount) {}
  }
}
