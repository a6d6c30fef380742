package dev.palletsim.frame.transactionpayment;

import static dev.palletsim.testkit.PalletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.DispatchException;
import dev.palletsim.frame.InvalidTransaction;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.snapshot.Snapshot;
import dev.palletsim.frame.system.SystemCall;
import dev.palletsim.frame.system.SystemEvent;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TransactionPayment on the mock runtime: what a signed extrinsic pays and when (success, failure,
 * refusal), the refund of unused weight, tips, where fees go and token conservation, the
 * multiplier, determinism and saved chains. Fees here are 1,000 planck per µs of weight and 10 per
 * byte, so that every amount below is worked out from the call's declared and metered weight and
 * its length.
 */
class TransactionPaymentTest {
  static final long PER_MICRO = 1_000;
  static final long PER_BYTE = 10;
  static final AccountId POT = AccountId.pallet("PotStake");
  static final long BASE_FEE = 100 * PER_MICRO; // the extrinsic base weight, 100 µs

  /**
   * A pallet whose one call declares at least 10 reads (2 more than it is asked to make) and 1
   * write, and does what it is asked.
   */
  @PalletName("Probe")
  static final class ProbePallet implements Pallet {
    static final StorageValue<Long> COUNT = StorageValue.withDefault("Probe", "Count", 0L);

    @Override
    public Seq<Class<? extends Call<?>>> callTypes() {
      return List.of(ProbeCall.Touch.class);
    }
  }

  sealed interface ProbeCall extends Call<ProbePallet> {
    /** Reads {@code reads} times, writes once, then fails if asked to. */
    record Touch(int reads, boolean fail) implements ProbeCall {
      @Override
      public Weight weight(ProbePallet p, WeightCosts costs) {
        return costs.readsWrites(Math.max(10, reads + 2), 1);
      }

      @Override
      public void dispatch(ProbePallet p, Tx tx, Origin origin) {
        Origin.ensureSigned(origin);
        long n = 0;
        for (int i = 0; i < reads; i++) n = ProbePallet.COUNT.get(tx);
        ProbePallet.COUNT.put(tx, n + 1);
        if (fail) throw new DispatchException(DispatchError.badInput("asked to fail"));
      }
    }
  }

  static ImmutableTransactionPaymentConfig.Builder fees() {
    return TransactionPaymentConfig.builder()
        .weightFeePerMicro(PER_MICRO)
        .lengthFeePerByte(PER_BYTE);
  }

  static Chain chain(TransactionPaymentConfig config) {
    return chain(config, UnaryOperator.identity());
  }

  static Chain chain(TransactionPaymentConfig config, UnaryOperator<MockRuntime.Builder> more) {
    return more.apply(
            MockRuntime.builder()
                .pallet(c -> new TransactionPaymentPallet(config, c))
                .pallet(new ProbePallet()))
        .start();
  }

  static long length(Call<?> call, long nonce, long tip) {
    return EncodedLength.ofSignedExtrinsic(call, nonce, tip);
  }

  static long issuance(Chain chain) {
    return chain.query(BalancesStorage.TOTAL_ISSUANCE);
  }

  // ------------------------------------------------------------------ success

  @Test
  void aSuccessfulCallPaysBaseLengthAndTheWeightItUsed() {
    Chain chain = chain(fees().build());
    Call<?> touch = new ProbeCall.Touch(2, false);
    long bobBefore = chain.free(Dev.BOB);
    long issuanceBefore = issuance(chain);
    DispatchOutcome out = chain.dispatch(Dev.BOB, touch);
    assertThat(out).isSuccess();
    // used: the extrinsic base plus what was metered (3 reads, 1 write here), below the declaration
    long usedMicros = out.weight().micros();
    assertThat(usedMicros).isLessThan(out.declaredWeight().micros());
    long fee = BASE_FEE + length(touch, 0, 0) * PER_BYTE + (usedMicros - 100) * PER_MICRO;
    assertThat(chain.free(Dev.BOB)).isEqualTo(bobBefore - fee);
    assertThat(chain.free(POT)).isEqualTo(fee);
    assertThat(issuance(chain)).as("a moved fee stays in the issuance").isEqualTo(issuanceBefore);
    assertThat(out)
        .emitted(
            TransactionPaymentEvent.TransactionFeePaid.class,
            e -> e.equals(new TransactionPaymentEvent.TransactionFeePaid(Dev.BOB, fee, 0)));
    assertThat(chain.query(SystemStorage.ACCOUNT_NONCE, Dev.BOB).get()).isEqualTo(1L);
    assertThat(chain.free(TransactionPaymentPallet.ACCOUNT))
        .as("nothing stays held between extrinsics")
        .isEqualTo(1);
  }

  @Test
  void unusedDeclaredWeightIsRefunded() {
    Chain chain = chain(fees().build());
    Call<?> light = new ProbeCall.Touch(0, false);
    Call<?> heavy = new ProbeCall.Touch(8, false);
    long before = chain.free(Dev.BOB);
    DispatchOutcome a = chain.dispatch(Dev.BOB, light);
    long paidLight = before - chain.free(Dev.BOB);
    DispatchOutcome b = chain.dispatch(Dev.BOB, heavy);
    long paidHeavy = before - paidLight - chain.free(Dev.BOB);
    // same declaration, same length: the difference is the 8 extra reads (25 µs each) metered
    assertThat(a.declaredWeight()).isEqualTo(b.declaredWeight());
    assertThat(paidHeavy - paidLight).isEqualTo(8 * 25 * PER_MICRO);
    long declaredFee =
        BASE_FEE + length(light, 0, 0) * PER_BYTE + (a.declaredWeight().micros() - 100) * PER_MICRO;
    assertThat(declaredFee - paidLight)
        .as("refund of the weight declared and not used")
        .isEqualTo((a.declaredWeight().micros() - a.weight().micros()) * PER_MICRO);
  }

  // ------------------------------------------------------------------ failure

  @Test
  void aFailedCallPaysItsDeclaredWeightKeepsOnlyTheFeeAndCountsTheNonce() {
    Chain chain = chain(fees().build());
    Call<?> failing = new ProbeCall.Touch(1, true);
    long before = chain.free(Dev.BOB);
    long issuanceBefore = issuance(chain);
    DispatchOutcome out = chain.dispatch(Dev.BOB, failing);
    assertThat(out).failedWith(DispatchError.badInput("asked to fail"));
    long fee =
        BASE_FEE
            + length(failing, 0, 0) * PER_BYTE
            + (out.declaredWeight().micros() - 100) * PER_MICRO;
    assertThat(chain.free(Dev.BOB)).isEqualTo(before - fee);
    assertThat(chain.free(POT)).isEqualTo(fee);
    assertThat(chain.query(ProbePallet.COUNT)).as("the call's own write is reverted").isZero();
    assertThat(chain.query(SystemStorage.ACCOUNT_NONCE, Dev.BOB).get()).isEqualTo(1L);
    assertThat(issuance(chain)).isEqualTo(issuanceBefore);
    assertThat(out)
        .emitted(
            TransactionPaymentEvent.TransactionFeePaid.class,
            e -> e.equals(new TransactionPaymentEvent.TransactionFeePaid(Dev.BOB, fee, 0)));
    assertThat(chain.eventsOf(SystemEvent.ExtrinsicFailed.class)).hasSize(1);
  }

  @Test
  void spamCostsItsSenderUntilItCanNoLongerPay() {
    Chain chain = chain(fees().build(), b -> b.balance(Dev.EVE, 5_000_000));
    Call<?> failing = new ProbeCall.Touch(0, true);
    int paid = 0;
    int refused = 0;
    for (int i = 0; i < 40; i++) {
      DispatchOutcome out = chain.dispatch(Dev.EVE, failing);
      if (out.error().exists(e -> e instanceof DispatchError.Invalid)) refused++;
      else paid++;
    }
    assertThat(paid).isPositive();
    assertThat(refused).isPositive();
    long feeEach = BASE_FEE + length(failing, 0, 0) * PER_BYTE + 350 * PER_MICRO;
    // the spammer lost what the pot gained, and kept less than one more fee
    assertThat(5_000_000 - chain.free(Dev.EVE)).isEqualTo(chain.free(POT));
    assertThat(chain.free(Dev.EVE)).isLessThan(feeEach + 1);
    assertThat(chain.query(SystemStorage.ACCOUNT_NONCE, Dev.EVE).get()).isEqualTo((long) paid);
  }

  // ------------------------------------------------------------------ refusal

  @Test
  void aSenderWhoCannotPayIsRefusedBeforeTheCallRunsAndNothingChanges() {
    Chain chain = chain(fees().build(), b -> b.balance(Dev.EVE, 1_000));
    long before = chain.stateHash();
    var weightBefore = chain.snapshot().block().weight();
    DispatchOutcome out = chain.dispatch(Dev.EVE, new ProbeCall.Touch(0, false));
    assertThat(out).failedWith(new DispatchError.Invalid(InvalidTransaction.Payment));
    assertThat(chain.stateHash()).isEqualTo(before);
    assertThat(out.events()).isEmpty();
    assertThat(out.weight()).isEqualTo(Weight.ZERO);
    assertThat(chain.snapshot().block().weight()).isEqualTo(weightBefore);
    assertThat(chain.query(ProbePallet.COUNT)).isZero();
  }

  @Test
  void aSenderWhoCouldPayOnlyByBeingReapedIsRefused() {
    Call<?> touch = new ProbeCall.Touch(0, false);
    long fee = BASE_FEE + length(touch, 0, 0) * PER_BYTE + 350 * PER_MICRO;
    // exactly the fee: paying it would leave nothing, and the fee is withdrawn keeping alive
    Chain chain = chain(fees().build(), b -> b.balance(Dev.EVE, fee));
    long before = chain.stateHash();
    assertThat(chain.dispatch(Dev.EVE, touch))
        .failedWith(new DispatchError.Invalid(InvalidTransaction.Payment));
    assertThat(chain.stateHash()).isEqualTo(before);
  }

  @Test
  void anExtrinsicDeclaringMoreThanABlockIsRefusedBeforeItIsCharged() {
    // the probe declares 100 + 10 reads + 1 write = 450 µs; the block holds 400
    Chain chain = chain(fees().build(), b -> b.config(c -> c.maxBlockWeight(Weight.ofMicros(400))));
    long before = chain.stateHash();
    DispatchOutcome out = chain.dispatch(Dev.BOB, new ProbeCall.Touch(0, false));
    assertThat(out).failedWith(new DispatchError.Exhausted());
    assertThat(chain.stateHash()).isEqualTo(before);
    assertThat(out.events()).isEmpty();
    assertThat(out.weight()).isEqualTo(Weight.ZERO);
  }

  @Test
  void anExtrinsicThatNoLongerFitsInTheBlockIsRefusedUnchargedAndFitsInTheNext() {
    Chain chain =
        chain(fees().build(), b -> b.config(c -> c.maxBlockWeight(Weight.ofMicros(5_000))));
    DispatchOutcome out;
    int included = 0;
    do {
      long hash = chain.stateHash();
      long bob = chain.free(Dev.BOB);
      out = chain.dispatch(Dev.BOB, new ProbeCall.Touch(0, false));
      if (out.isSuccess()) {
        included++;
      } else {
        assertThat(out).failedWith(new DispatchError.Exhausted());
        assertThat(chain.stateHash()).as("refused: nothing changes").isEqualTo(hash);
        assertThat(chain.free(Dev.BOB)).as("refused: not charged").isEqualTo(bob);
      }
    } while (out.isSuccess() && included < 100);
    assertThat(included).isBetween(2, 99);
    chain.nextBlock();
    assertThat(chain.dispatch(Dev.BOB, new ProbeCall.Touch(0, false))).isSuccess();
  }

  @Test
  void tipsAreRefusedWhenNegativeUnsignedOrWithoutFees() {
    Chain chain = chain(fees().build());
    long before = chain.stateHash();
    assertThat(chain.dispatch(Origin.signed(Dev.BOB), new SystemCall.Remark("x"), -1))
        .failedWithBadInput();
    assertThat(chain.dispatch(Origin.root(), new SystemCall.Remark("x"), 5)).failedWithBadInput();
    assertThat(chain.stateHash()).isEqualTo(before);
    Chain free = MockRuntime.start();
    long freeBefore = free.stateHash();
    assertThat(free.dispatch(Origin.signed(Dev.BOB), new SystemCall.Remark("x"), 5))
        .failedWithBadInput();
    assertThat(free.stateHash()).isEqualTo(freeBefore);
  }

  @Test
  void rootAndUnsignedExtrinsicsPayNothing() {
    Chain chain = chain(fees().build());
    DispatchOutcome out =
        chain.dispatch(Origin.root(), new BalancesCall.ForceSetBalance(Dev.DAVE, 5_000_000));
    assertThat(out).isSuccess().emittedNo(TransactionPaymentEvent.TransactionFeePaid.class);
    assertThat(chain.free(POT)).isZero();
  }

  // ------------------------------------------------------------------ where fees go

  @Test
  void tipsGoToTheAuthorAndFeesToThePot() {
    Chain chain = chain(fees().build());
    Call<?> remark = new SystemCall.Remark("hello");
    long tip = 12_345;
    long aliceBefore = chain.free(Dev.ALICE); // Alice authors every block of the mock runtime
    long bobBefore = chain.free(Dev.BOB);
    DispatchOutcome out = chain.dispatch(Origin.signed(Dev.BOB), remark, tip);
    assertThat(out).isSuccess();
    long fee =
        BASE_FEE + length(remark, 0, tip) * PER_BYTE + (out.weight().micros() - 100) * PER_MICRO;
    assertThat(chain.free(Dev.BOB)).isEqualTo(bobBefore - fee - tip);
    assertThat(chain.free(Dev.ALICE)).isEqualTo(aliceBefore + tip);
    assertThat(chain.free(POT)).isEqualTo(fee);
    assertThat(out)
        .emitted(
            TransactionPaymentEvent.TransactionFeePaid.class,
            e -> e.equals(new TransactionPaymentEvent.TransactionFeePaid(Dev.BOB, fee + tip, tip)));
  }

  @Test
  void burntFeesLeaveTheIssuanceMovedOnesDoNot() {
    Chain burn =
        chain(
            fees().feeDestination(FeeDestination.Burn).tipDestination(FeeDestination.Burn).build());
    long issuance = issuance(burn);
    long burnt = burn.query(BalancesStorage.BURNT);
    long bob = burn.free(Dev.BOB);
    assertThat(burn.dispatch(Origin.signed(Dev.BOB), new SystemCall.Remark("x"), 7)).isSuccess();
    long paid = bob - burn.free(Dev.BOB);
    assertThat(paid).isPositive();
    assertThat(issuance(burn)).isEqualTo(issuance - paid);
    assertThat(burn.query(BalancesStorage.BURNT)).isEqualTo(burnt + paid);
    burn.nextBlock(); // the Balances invariant (Σ = issuance = minted − burnt) holds

    Chain author = chain(fees().feeDestination(FeeDestination.Author).build());
    long issuance2 = issuance(author);
    long alice = author.free(Dev.ALICE);
    long bob2 = author.free(Dev.BOB);
    assertThat(author.dispatch(Origin.signed(Dev.BOB), new SystemCall.Remark("x"), 7)).isSuccess();
    assertThat(author.free(Dev.ALICE) - alice).isEqualTo(bob2 - author.free(Dev.BOB));
    assertThat(issuance(author)).isEqualTo(issuance2);
    author.nextBlock();
  }

  @Test
  void aFeeTheDestinationCannotTakeIsBurnt() {
    // existential deposit 10^9: the pot does not exist, and a fee below it cannot create it
    Chain chain = chain(fees().build(), b -> b.config(c -> c.existentialDeposit(1_000_000_000L)));
    long issuance = issuance(chain);
    long bob = chain.free(Dev.BOB);
    assertThat(chain.dispatch(Dev.BOB, new SystemCall.Remark("x"))).isSuccess();
    long paid = bob - chain.free(Dev.BOB);
    assertThat(paid).isPositive().isLessThan(1_000_000_000L);
    assertThat(chain.free(POT)).isZero();
    assertThat(issuance(chain)).isEqualTo(issuance - paid);
    chain.nextBlock();
  }

  // ------------------------------------------------------------------ multiplier

  @Test
  void theMultiplierScalesOnlyTheWeightFee() {
    Call<?> remark = new SystemCall.Remark("x");
    Chain one = chain(fees().build());
    Chain three = chain(fees().initialMultiplier(Multiplier.ofInteger(3)).build());
    long b1 = one.free(Dev.BOB);
    long b3 = three.free(Dev.BOB);
    DispatchOutcome out = one.dispatch(Dev.BOB, remark);
    three.dispatch(Dev.BOB, remark);
    long weightFee = (out.weight().micros() - 100) * PER_MICRO;
    assertThat((b3 - three.free(Dev.BOB)) - (b1 - one.free(Dev.BOB))).isEqualTo(2 * weightFee);
  }

  @Test
  void underTargetedAdjustmentFullBlocksRaiseTheMultiplierAndEmptyOnesLowerIt() {
    // a 4,000 µs block, a 1,000 µs target: one probe reading 40 times uses more
    TransactionPaymentConfig config = fees().multiplierUpdate(FeeMultiplierUpdate.Targeted).build();
    Chain chain = chain(config, b -> b.config(c -> c.maxBlockWeight(Weight.ofMicros(4_000))));
    var pallet = chain.runtime().pallet(TransactionPaymentPallet.class);
    DispatchOutcome a = chain.dispatch(Dev.BOB, new ProbeCall.Touch(40, false));
    assertThat(a).isSuccess();
    assertThat(a.weight().micros()).isGreaterThan(1_000);
    chain.nextBlock();
    Multiplier afterFull = pallet.nextFeeMultiplier(chain.world());
    assertThat(afterFull)
        .isEqualTo(
            TargetedFeeAdjustment.POLKADOT.next(Multiplier.ONE, a.weight(), Weight.ofMicros(4_000)))
        .isGreaterThan(Multiplier.ONE);
    chain.nextBlock();
    assertThat(pallet.nextFeeMultiplier(chain.world())).isLessThan(afterFull);
  }

  // ------------------------------------------------------------------ determinism, snapshots

  @Test
  void theSameExtrinsicsGiveTheSameStateAndFees() {
    TransactionPaymentConfig config = fees().multiplierUpdate(FeeMultiplierUpdate.Targeted).build();
    long[] hashes = new long[2];
    for (int run = 0; run < 2; run++) {
      Chain chain = chain(config);
      for (int i = 0; i < 5; i++) {
        chain.dispatch(Origin.signed(Dev.BOB), new ProbeCall.Touch(i, i % 2 == 1), i);
        chain.dispatch(Dev.CHARLIE, new BalancesCall.TransferKeepAlive(Dev.DAVE, 1_000 + i));
        chain.nextBlock();
      }
      hashes[run] = chain.stateHash();
    }
    assertThat(hashes[0]).isEqualTo(hashes[1]);
  }

  @Test
  void aSavedChainKeepsItsMultiplier(@TempDir Path dir) throws Exception {
    TransactionPaymentConfig config =
        fees()
            .multiplierUpdate(FeeMultiplierUpdate.Targeted)
            .initialMultiplier(Multiplier.ofRational(3, 2))
            .build();
    Chain chain = chain(config);
    chain.dispatch(Dev.BOB, new ProbeCall.Touch(3, false));
    chain.nextBlock();
    var pallet = chain.runtime().pallet(TransactionPaymentPallet.class);
    Multiplier m = pallet.nextFeeMultiplier(chain.world());
    assertThat(m).isNotEqualTo(Multiplier.ONE);
    Path file = dir.resolve("chain.psnap");
    chain.save(file);
    Chain loaded = Snapshot.read(file).chain(chain.runtime());
    assertThat(loaded.stateHash()).isEqualTo(chain.stateHash());
    assertThat(pallet.nextFeeMultiplier(loaded.world())).isEqualTo(m);
  }
}
