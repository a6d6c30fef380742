package dev.palletsim.frame.transactionpayment;

import dev.palletsim.frame.BlockWeights;
import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.DispatchException;
import dev.palletsim.frame.InvalidTransaction;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.DispatchInfo;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.frame.traits.ChargeTransactionPayment;
import dev.palletsim.frame.traits.Currency;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * pallet-transaction-payment for palletsim: every signed extrinsic pays
 *
 * <pre>
 *   fee = WeightToFee(extrinsic base weight)                 base fee
 *       + encoded length × lengthFeePerByte                   length fee ({@link EncodedLength})
 *       + multiplier × WeightToFee(declared weight − base)    adjusted weight fee
 *       + tip
 * </pre>
 *
 * withdrawn before its call runs ({@link #withdrawFee}, from free balance, keeping the sender
 * alive: a sender who cannot is refused with {@code InvalidTransaction::Payment} before anything
 * runs), and settled after it ({@link #correctAndDepositFee}): a successful call is priced again on
 * the weight it actually used (at most its declaration; the executive meters every read, write and
 * work item, so palletsim has FRAME's post-dispatch actual weight for every call) and the
 * difference refunded; a failed call pays its declared weight, FRAME's default for a call returning
 * a plain error. The fee then goes where {@link TransactionPaymentConfig#feeDestination()} says and
 * the tip where {@link TransactionPaymentConfig#tipDestination()} says (burnt, the
 * collator-selection pot, or the block's author), and {@code TransactionFeePaid} is recorded. Root
 * and unsigned extrinsics pay nothing.
 *
 * <p>Between withdrawal and settlement the fee is held in the pallet's account ({@link #ACCOUNT},
 * endowed with the existential deposit at genesis), standing in for upstream's imbalance: every
 * token moves by a transfer, so a moved fee leaves the total issuance as it was and only a burnt
 * one lowers it (Balances' {@code Minted − Burnt = TotalIssuance} holds after every block). A
 * refund to a sender the call reaped is not made (upstream refunds only an existing account); a fee
 * or tip the destination cannot take (an author or pot that does not exist, with less than the
 * existential deposit) is burnt, as upstream drops the credit.
 *
 * <p>At the end of each block {@code onFinalize} moves {@code NextFeeMultiplier} by {@link
 * TargetedFeeAdjustment} under {@link FeeMultiplierUpdate#Targeted}, from the weight of the block's
 * extrinsics. The pallet has no calls and no errors of its own, as upstream.
 */
@PalletName("TransactionPayment")
public final class TransactionPaymentPallet implements Pallet, ChargeTransactionPayment {
  /** The name TransactionPaymentPallet declares with {@link PalletName}. */
  public static final String NAME = Pallet.nameOf(TransactionPaymentPallet.class);

  /** The account holding a fee between its withdrawal and its settlement ({@code py/txfee}). */
  public static final AccountId ACCOUNT = AccountId.pallet("py/txfee");

  private static final BigInteger PICOS_PER_MICRO = BigInteger.valueOf(Weight.PICOS_PER_MICRO);

  private final TransactionPaymentConfig config;
  private final Supplier<Currency> currency;

  /** The pallet with {@code config}, reaching Balances through {@code couplings}. */
  public TransactionPaymentPallet(TransactionPaymentConfig config, Couplings couplings) {
    if (config == null) throw new IllegalArgumentException("a config is required");
    this.config = config;
    this.currency = couplings.lazy(Currency.class);
  }

  @Override
  public TransactionPaymentConfig config() {
    return config;
  }

  /** The multiplier of the weight fee in the open block ({@code next_fee_multiplier()}). */
  public Multiplier nextFeeMultiplier(StateView view) {
    return TransactionPaymentStorage.NEXT_FEE_MULTIPLIER.get(view);
  }

  // ---------------------------------------------------------------- pricing (pure)

  /**
   * {@code WeightToFee}: {@code weight} (capped at {@code limit}, as upstream caps it at the
   * block's maximum) times {@code weightFeePerMicro}, per µs, rounded down and saturating.
   */
  public long weightToFee(Weight weight, Weight limit) {
    long refTime = Math.min(weight.refTime(), limit.refTime());
    BigInteger fee =
        BigInteger.valueOf(refTime)
            .multiply(BigInteger.valueOf(config.weightFeePerMicro()))
            .divide(PICOS_PER_MICRO);
    return fee.bitLength() < 64 ? fee.longValue() : Long.MAX_VALUE;
  }

  /** {@code LengthToFee}: {@code length} bytes times {@code lengthFeePerByte}, saturating. */
  public long lengthToFee(long length) {
    try {
      return Math.multiplyExact(length, config.lengthFeePerByte());
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The fee of an extrinsic of {@code length} bytes weighing {@code weight} (extrinsic base
   * included) with {@code tip}, under {@code multiplier} and the block's {@code weights} ({@code
   * compute_fee_details}).
   */
  public FeeDetails computeFee(
      long length, Weight weight, long tip, Multiplier multiplier, BlockWeights weights) {
    long base = weightToFee(weights.extrinsicBase(), weights.limit());
    long unadjusted = weightToFee(weight.minus(weights.extrinsicBase()), weights.limit());
    return new FeeDetails(base, lengthToFee(length), multiplier.timesAmount(unadjusted), tip);
  }

  /**
   * What {@code who} would pay now for {@code call} with {@code tip} if it used its whole declared
   * weight {@code info} ({@code query_fee_details}), in the state {@code tx} sees.
   */
  public FeeDetails queryFeeDetails(
      Tx tx, AccountId who, Call<?> call, DispatchInfo info, long tip) {
    long length =
        EncodedLength.ofSignedExtrinsic(call, SystemStorage.ACCOUNT_NONCE.get(tx, who), tip);
    return computeFee(length, info.weight(), tip, nextFeeMultiplier(tx), tx.blockWeights());
  }

  // ---------------------------------------------------------------- ChargeTransactionPayment

  @Override
  public Withdrawn withdrawFee(Tx tx, AccountId who, Call<?> call, DispatchInfo info, long tip) {
    if (tip < 0) throw new DispatchException(DispatchError.badInput("tip must not be negative"));
    long length =
        EncodedLength.ofSignedExtrinsic(call, SystemStorage.ACCOUNT_NONCE.get(tx, who), tip);
    long fee =
        computeFee(length, info.weight(), tip, nextFeeMultiplier(tx), tx.blockWeights()).finalFee();
    if (fee > 0) {
      Option<DispatchError> failed =
          tx.transactional(
              () -> currency.get().transfer(tx, who, ACCOUNT, fee, Currency.Existence.KeepAlive));
      if (failed.isDefined()) {
        throw new DispatchException(new DispatchError.Invalid(InvalidTransaction.Payment));
      }
    }
    return new Withdrawn(who, fee, tip, length, info);
  }

  @Override
  public long correctAndDepositFee(Tx tx, Withdrawn withdrawn, Weight actualWeight) {
    Weight weight =
        actualWeight.compareTo(withdrawn.info().weight()) < 0
            ? actualWeight
            : withdrawn.info().weight();
    long corrected =
        computeFee(
                withdrawn.length(),
                weight,
                withdrawn.tip(),
                nextFeeMultiplier(tx),
                tx.blockWeights())
            .finalFee();
    long refund = Math.max(0, withdrawn.fee() - corrected);
    Currency c = currency.get();
    if (refund > 0
        && (c.total(tx, withdrawn.who()) == 0
            || tx.transactional(
                    () ->
                        c.transfer(
                            tx, ACCOUNT, withdrawn.who(), refund, Currency.Existence.KeepAlive))
                .isDefined())) {
      return settle(tx, withdrawn, withdrawn.fee());
    }
    return settle(tx, withdrawn, withdrawn.fee() - refund);
  }

  /** Hands {@code paid} (tip first) to its destinations and records the payment. */
  private long settle(Tx tx, Withdrawn withdrawn, long paid) {
    long tip = Math.min(withdrawn.tip(), paid);
    deposit(tx, paid - tip, config.feeDestination());
    deposit(tx, tip, config.tipDestination());
    tx.deposit(
        new TransactionPaymentEvent.TransactionFeePaid(withdrawn.who(), paid, withdrawn.tip()));
    return paid;
  }

  private void deposit(Tx tx, long amount, FeeDestination destination) {
    if (amount == 0) return;
    Currency c = currency.get();
    Option<AccountId> to =
        switch (destination) {
          case Burn -> Option.none();
          case Pot -> Option.some(config.potAccount());
          case Author -> tx.block().author();
        };
    if (to.isDefined()
        && tx.transactional(
                () -> c.transfer(tx, ACCOUNT, to.get(), amount, Currency.Existence.KeepAlive))
            .isEmpty()) {
      return;
    }
    c.burn(tx, ACCOUNT, amount, Currency.Existence.KeepAlive);
  }

  // ---------------------------------------------------------------- hooks and genesis

  @Override
  public void buildGenesis(Tx tx, Genesis genesis) {
    TransactionPaymentStorage.NEXT_FEE_MULTIPLIER.put(tx, config.initialMultiplier());
  }

  /** Moves the multiplier by the block's fullness under {@link FeeMultiplierUpdate#Targeted}. */
  @Override
  public void onFinalize(Tx tx) {
    if (config.multiplierUpdate() != FeeMultiplierUpdate.Targeted) return;
    BlockWeights w = tx.blockWeights();
    Multiplier previous = nextFeeMultiplier(tx);
    Multiplier next = config.feeAdjustment().next(previous, w.extrinsics(), w.limit());
    if (!next.equals(previous)) TransactionPaymentStorage.NEXT_FEE_MULTIPLIER.put(tx, next);
  }

  @Override
  public Seq<AccountId> palletAccounts() {
    return List.of(ACCOUNT);
  }
}
