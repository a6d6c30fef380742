package dev.palletsim.reward;

import dev.palletsim.frame.traits.Q128;
import java.math.BigInteger;

/**
 * Filecoin's minting functions, as builtin-actors' reward actor computes them ({@code
 * actors/reward/src/logic.rs} and {@code expneg.rs}): simple minting, an exponential decay of
 * {@code SIMPLE_TOTAL} with a six-year half-life, plus baseline minting, the same decay of {@code
 * BASELINE_TOTAL} driven by the <em>effective network time</em> {@code θ}, which advances only as
 * fast as the cumulative realised power keeps up with the baseline power (a target doubling every
 * year). All values are integers in Q.128 fixed point where builtin-actors' are, and every shift
 * and division rounds as Rust's {@code BigInt} does, so the results are builtin-actors' bit for
 * bit.
 *
 * <p>The functions are homogeneous in the amount unit: given totals in planck they give planck;
 * given builtin-actors' totals in attoFIL they give builtin-actors' attoFIL
 * (docs/filecoin-parity.md, units). The time constants ({@code LAMBDA}, {@code BASELINE_EXPONENT})
 * are those of 30-second epochs: under the {@code filecoin} preset one block is one epoch.
 */
public final class BaselineMinting {
  private BaselineMinting() {}

  private static final int PRECISION = Q128.PRECISION;

  /**
   * {@code BASELINE_EXPONENT}: {@code ⌊e^(ln 2 / epochs in a year) · 2¹²⁸⌋}, the per-epoch growth
   * factor of the baseline power (doubling in a year of epochs).
   */
  public static final BigInteger BASELINE_EXPONENT =
      new BigInteger("340282591298641078465964189926313473653");

  /** {@code BASELINE_INITIAL_VALUE}: the baseline at network launch, bytes (≈ 2.5 EiB). */
  public static final BigInteger BASELINE_INITIAL_VALUE = new BigInteger("2888888880000000000");

  /**
   * {@code INIT_BASELINE_POWER}: the baseline one epoch before launch, {@code
   * BASELINE_INITIAL_VALUE} divided by the exponent, bytes.
   */
  public static final BigInteger INIT_BASELINE_POWER =
      BASELINE_INITIAL_VALUE
          .shiftLeft(2 * PRECISION)
          .divide(BASELINE_EXPONENT)
          .shiftRight(PRECISION);

  /** {@code EXP_LAM_SUB_ONE}: {@code e^λ − 1} in Q.128. */
  public static final BigInteger EXP_LAM_SUB_ONE =
      new BigInteger("37396273494747879394193016954629");

  /** {@code LAMBDA}: {@code λ = ln 2 / (6 · epochs in a year)} in Q.128 (a six-year half-life). */
  public static final BigInteger LAMBDA = new BigInteger("37396271439864487274534522888786");

  // e^-x on [0, 5): a rational approximation, coefficients Q.128, highest order first (expneg.rs)
  private static final BigInteger[] EXP_NUM =
      Q128.parse(
          "-648770010757830093818553637600",
          "67469480939593786226847644286976",
          "-3197587544499098424029388939001856",
          "89244641121992890118377641805348864",
          "-1579656163641440567800982336819953664",
          "17685496037279256458459817590917169152",
          "-115682590513835356866803355398940131328",
          "340282366920938463463374607431768211456");
  private static final BigInteger[] EXP_DENOM =
      Q128.parse(
          "1225524182432722209606361",
          "114095592300906098243859450",
          "5665570424063336070530214243",
          "194450132448609991765137938448",
          "5068267641632683791026134915072",
          "104716890604972796896895427629056",
          "1748338658439454459487681798864896",
          "23704654329841312470660182937960448",
          "259380097567996910282699886670381056",
          "2250336698853390384720606936038375424",
          "14978272436876548034486263159246028800",
          "72144088983913131323343765784380833792",
          "224599776407103106596571252037123047424",
          "340282366920938463463374607431768211456");

  /** {@code e^−x} for {@code x} in Q.128, in Q.128 ({@code expneg}). */
  public static BigInteger expneg(BigInteger x) {
    BigInteger num = Q128.polyVal(EXP_NUM, x);
    BigInteger denom = Q128.polyVal(EXP_DENOM, x);
    return Q128.floorDiv(num.shiftLeft(PRECISION), denom);
  }

  /** The baseline power one epoch after {@code previous} ({@code baseline_power_from_prev}). */
  public static BigInteger baselinePowerFromPrev(BigInteger previous) {
    return previous.multiply(BASELINE_EXPONENT).shiftRight(PRECISION);
  }

  /**
   * The fractional effective network time {@code θ} in Q.128 ({@code compute_r_theta}): {@code
   * effectiveNetworkTime} (the ceiling of θ) less the share of the last baseline epoch the realised
   * cumulative power has not yet covered; 0 at time 0.
   */
  public static BigInteger rewardTheta(
      long effectiveNetworkTime,
      BigInteger baselinePowerAtEffectiveNetworkTime,
      BigInteger cumsumRealized,
      BigInteger cumsumBaseline) {
    if (effectiveNetworkTime == 0) return BigInteger.ZERO;
    BigInteger theta = BigInteger.valueOf(effectiveNetworkTime).shiftLeft(PRECISION);
    BigInteger diff =
        Q128.floorDiv(
            cumsumBaseline.subtract(cumsumRealized).shiftLeft(PRECISION),
            baselinePowerAtEffectiveNetworkTime);
    return theta.subtract(diff);
  }

  /**
   * The reward of every expected leader of {@code epoch} together, when the effective network time
   * moves from {@code prevTheta} to {@code currTheta} (Q.128) ({@code compute_reward}): the simple
   * minting of the epoch plus the baseline minting between the two times.
   */
  public static BigInteger reward(
      long epoch,
      BigInteger prevTheta,
      BigInteger currTheta,
      BigInteger simpleTotal,
      BigInteger baselineTotal) {
    BigInteger simple =
        simpleTotal
            .multiply(EXP_LAM_SUB_ONE)
            .multiply(expneg(LAMBDA.multiply(BigInteger.valueOf(epoch))))
            .shiftRight(PRECISION);
    BigInteger baseline =
        baselineSupply(currTheta, baselineTotal).subtract(baselineSupply(prevTheta, baselineTotal));
    return simple.add(baseline).shiftRight(PRECISION);
  }

  /** {@code (1 − e^(−λθ)) · baselineTotal} in Q.128 ({@code compute_baseline_supply}). */
  static BigInteger baselineSupply(BigInteger theta, BigInteger baselineTotal) {
    BigInteger thetaLambda = theta.multiply(LAMBDA).shiftRight(PRECISION);
    return Q128.ONE.subtract(expneg(thetaLambda)).multiply(baselineTotal);
  }
}
