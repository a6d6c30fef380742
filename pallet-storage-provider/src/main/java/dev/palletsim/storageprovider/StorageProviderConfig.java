package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The storage provider pallet's constants (polka-storage's config trait, filecoin-actors.md §3.1
 * and §3.9), all in blocks, planck and bytes. The defaults are the {@link #testnet()} preset;
 * {@link #mainnetLike()} scales Filecoin mainnet to 6 s blocks. Validated at construction:
 *
 * <ul>
 *   <li>proving period = deadlines × challenge window, at least 3 deadlines, {@code 0 < lookback ≤
 *       fault declaration cutoff < challenge window} (see {@link ProvingSchedule});
 *   <li>{@code 0 < preCommitChallengeDelay < maxProveCommitDuration}, seal randomness look-back
 *       positive, an expiration window that admits at least one expiration, {@code faultMaxAge ≥}
 *       one proving period;
 *   <li>every bound and every money constant positive (projection periods and rates non-negative),
 *       every fraction with a positive denominator.
 * </ul>
 */
@Value.Immutable
public abstract class StorageProviderConfig {

  /** A builder starting from the testnet defaults. */
  public static ImmutableStorageProviderConfig.Builder builder() {
    return ImmutableStorageProviderConfig.builder();
  }

  /**
   * The testnet preset (polka-storage's {@code --features testnet} runtime): a 60-block (6 min)
   * proving period of 3 deadlines of 20 blocks, 2 KiB sectors. One proving period plays the role of
   * a Filecoin day in the money constants. {@code faultMaxAge} is 3 proving periods rather than
   * polka-storage's 2,100 blocks, which exceeds the 600-block maximum expiration and so could never
   * fire.
   */
  public static StorageProviderConfig testnet() {
    return builder().build();
  }

  /**
   * Filecoin mainnet at 6 s blocks (14,400 blocks a day): a one-day proving period of 48 deadlines
   * of 300 blocks (30 min), 32 GiB and 64 GiB sectors, 42-day fault max age, 180-day minimum and
   * 5-year maximum sector lifetime, and money constants projected over the same numbers of days as
   * Filecoin's.
   */
  public static StorageProviderConfig mainnetLike() {
    long day = Units.DAYS;
    return builder()
        .wPoStProvingPeriod(day)
        .wPoStChallengeWindow(300)
        .wPoStPeriodDeadlines(48)
        .wPoStChallengeLookback(10 * Units.MINUTES)
        .faultDeclarationCutoff(10 * Units.MINUTES + 125)
        .faultMaxAge(42 * day)
        .preCommitChallengeDelay(75 * Units.MINUTES)
        .maxProveCommitDuration(30 * day + 75 * Units.MINUTES)
        .maxPreCommitRandomnessLookback(day + 4_500)
        .expiredPreCommitCleanUpDelay(8 * Units.HOURS)
        .minSectorExpiration(180 * day)
        .maxSectorExpiration(1278 * day)
        .sectorMaximumLifetime(5 * 365 * day)
        .postedPartitionsMax(3)
        .allowedPoStProofs(
            TreeSet.of(
                RegisteredPoStProof.StackedDRGWindow32GiBV1P1,
                RegisteredPoStProof.StackedDRGWindow64GiBV1P1))
        .rewardPerBlock(Units.TOKEN)
        .networkPower(1L << 60)
        .circulatingSupply(100_000_000L * Units.TOKEN)
        .preCommitDepositProjectionPeriod(20 * day)
        .initialPledgeProjectionPeriod(20 * day)
        .declaredFaultProjectionPeriod(day * 351 / 100)
        .continuedFaultProjectionPeriod(day * 351 / 100)
        .detectedFaultProjectionPeriod(day * 551 / 100)
        .terminationLifetimeCap(140 * day)
        .build();
  }

  /** The Window PoSt schedule these constants define. */
  public ProvingSchedule schedule() {
    return new ProvingSchedule(
        wPoStProvingPeriod(),
        wPoStChallengeWindow(),
        wPoStPeriodDeadlines(),
        wPoStChallengeLookback(),
        faultDeclarationCutoff());
  }

  // ------------------------------------------------------------ proving schedule (blocks)

  /** Blocks per proving period ({@code WPoStProvingPeriod}). */
  @Value.Default
  public long wPoStProvingPeriod() {
    return 60;
  }

  /** Blocks per deadline ({@code WPoStChallengeWindow}). */
  @Value.Default
  public long wPoStChallengeWindow() {
    return 20;
  }

  /** Deadlines per proving period ({@code WPoStPeriodDeadlines}). */
  @Value.Default
  public int wPoStPeriodDeadlines() {
    return 3;
  }

  /** Blocks between a deadline's challenge and its opening ({@code WPoStChallengeLookBack}). */
  @Value.Default
  public long wPoStChallengeLookback() {
    return 10;
  }

  /** Blocks before a deadline opens after which declarations for it are late. */
  @Value.Default
  public long faultDeclarationCutoff() {
    return 10;
  }

  /** Blocks a sector may stay faulty before it is terminated ({@code FaultMaxAge}). */
  @Value.Default
  public long faultMaxAge() {
    return 180;
  }

  // ------------------------------------------------------------ sealing (blocks)

  /** Blocks from pre-commit to the interactive seal challenge ({@code PreCommitChallengeDelay}). */
  @Value.Default
  public long preCommitChallengeDelay() {
    return 10;
  }

  /** Blocks after a pre-commit within which it must be proven ({@code MaxProveCommitDuration}). */
  @Value.Default
  public long maxProveCommitDuration() {
    return 50;
  }

  /**
   * How far back the seal randomness height may lie ({@code MAX_PRE_COMMIT_RANDOMNESS_LOOKBACK}).
   */
  @Value.Default
  public long maxPreCommitRandomnessLookback() {
    return 90;
  }

  /** Blocks after the prove-commit deadline at which an unproven pre-commit's deposit is burnt. */
  @Value.Default
  public long expiredPreCommitCleanUpDelay() {
    return 10;
  }

  /** The shortest sector lifetime after the worst-case activation ({@code MinSectorExpiration}). */
  @Value.Default
  public long minSectorExpiration() {
    return 50;
  }

  /** Expirations must be at most this many blocks ahead ({@code MaxSectorExpiration}). */
  @Value.Default
  public long maxSectorExpiration() {
    return 600;
  }

  /** The longest lifetime from the worst-case activation ({@code SectorMaximumLifetime}). */
  @Value.Default
  public long sectorMaximumLifetime() {
    return 1200;
  }

  // ------------------------------------------------------------ bounds

  /** Sectors per pre-commit or prove-commit call. */
  @Value.Default
  public int maxSectorsPerCall() {
    return 32;
  }

  /** Deals per sector. */
  @Value.Default
  public int maxDealsPerSector() {
    return 128;
  }

  /** The largest sector number (polka-storage's {@code MAX_SECTORS}). */
  @Value.Default
  public long maxSectorNumber() {
    return 32L << 20;
  }

  /** Partitions per deadline ({@code MaxPartitionsPerDeadline}). */
  @Value.Default
  public int maxPartitionsPerDeadline() {
    return 3000;
  }

  /** Partitions one declaration call may address ({@code AddressedPartitionsMax}). */
  @Value.Default
  public int addressedPartitionsMax() {
    return 3000;
  }

  /** Sectors one declaration call may address ({@code AddressedSectorsMax}). */
  @Value.Default
  public int addressedSectorsMax() {
    return 25_000;
  }

  /** Partitions one Window PoSt may prove ({@code POSTED_PARTITIONS_MAX}). */
  @Value.Default
  public int postedPartitionsMax() {
    return 16;
  }

  /** The longest peer id, in characters. */
  @Value.Default
  public int maxPeerIdLength() {
    return 128;
  }

  /** The longest PoRep proof, in bytes. */
  @Value.Default
  public int maxPoRepProofBytes() {
    return 1920;
  }

  /** The longest Window PoSt proof, in bytes. */
  @Value.Default
  public int maxPoStProofBytes() {
    return 192;
  }

  /**
   * The PoSt proof types a provider may register with (a sorted set: iteration is deterministic).
   */
  @Value.Default
  public Set<RegisteredPoStProof> allowedPoStProofs() {
    return TreeSet.of(RegisteredPoStProof.StackedDRGWindow2KiBV1P1);
  }

  // ------------------------------------------------------------ money (planck, bytes, blocks)

  /** The expected block reward {@code R} (planck per block) of the BR estimate. */
  @Value.Default
  public long rewardPerBlock() {
    return Units.MILLI_TOKEN;
  }

  /** The network's power {@code Q} (bytes) of the BR estimate. */
  @Value.Default
  public long networkPower() {
    return Units.MIB;
  }

  /** The circulating supply (planck) of the consensus pledge. */
  @Value.Default
  public long circulatingSupply() {
    return 100 * Units.TOKEN;
  }

  /** Numerator of the share of the circulating supply pledged network-wide (Filecoin: 3/10). */
  @Value.Default
  public long pledgeLockTargetNumerator() {
    return 3;
  }

  /** Denominator of the pledge lock target. */
  @Value.Default
  public long pledgeLockTargetDenominator() {
    return 10;
  }

  /** Blocks of expected reward a pre-commit deposit covers (Filecoin: 20 days). */
  @Value.Default
  public long preCommitDepositProjectionPeriod() {
    return 20 * 60;
  }

  /** Blocks of expected reward in the initial pledge (Filecoin: 20 days). */
  @Value.Default
  public long initialPledgeProjectionPeriod() {
    return 20 * 60;
  }

  /** Blocks of expected reward the declared-fault fee takes (Filecoin's FF: 3.51 days). */
  @Value.Default
  public long declaredFaultProjectionPeriod() {
    return 60 * 351 / 100;
  }

  /** Blocks of expected reward the continued-fault fee takes per deadline (3.51 days). */
  @Value.Default
  public long continuedFaultProjectionPeriod() {
    return 60 * 351 / 100;
  }

  /** Blocks of expected reward the detected-fault penalty takes (3.51 + 2 days). */
  @Value.Default
  public long detectedFaultProjectionPeriod() {
    return 60 * 551 / 100;
  }

  /** Termination fee: share of the pledge (Filecoin FIP-0098: 85/1000), numerator. */
  @Value.Default
  public long terminationFeePledgeNumerator() {
    return 85;
  }

  /** Termination fee: share of the pledge, denominator. */
  @Value.Default
  public long terminationFeePledgeDenominator() {
    return 1000;
  }

  /** Termination fee: minimum share of the pledge (2/100), numerator. */
  @Value.Default
  public long terminationFeeMinPledgeNumerator() {
    return 2;
  }

  /** Termination fee: minimum share of the pledge, denominator. */
  @Value.Default
  public long terminationFeeMinPledgeDenominator() {
    return 100;
  }

  /** Termination fee: minimum multiple of the continued-fault fee (105/100), numerator. */
  @Value.Default
  public long terminationFeeMaxFaultFeeNumerator() {
    return 105;
  }

  /** Termination fee: minimum multiple of the continued-fault fee, denominator. */
  @Value.Default
  public long terminationFeeMaxFaultFeeDenominator() {
    return 100;
  }

  /** Blocks of age after which the full pledge share is charged (Filecoin: 140 days). */
  @Value.Default
  public long terminationLifetimeCap() {
    return 140 * 60;
  }

  /**
   * Where fees, penalties and burnt deposits go: nowhere (burnt, the default) or to this account (a
   * treasury). The account is endowed at genesis as a pallet account, so that it always exists.
   */
  public abstract Optional<AccountId> penaltyBeneficiary();

  @Value.Check
  protected void check() {
    try {
      schedule();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("StorageProviderConfig: " + e.getMessage(), e);
    }
    require(preCommitChallengeDelay() > 0, "preCommitChallengeDelay must be positive");
    require(
        maxProveCommitDuration() > preCommitChallengeDelay(),
        "maxProveCommitDuration must exceed preCommitChallengeDelay");
    require(maxPreCommitRandomnessLookback() > 0, "maxPreCommitRandomnessLookback must be > 0");
    require(expiredPreCommitCleanUpDelay() >= 0, "expiredPreCommitCleanUpDelay must be ≥ 0");
    require(minSectorExpiration() > 0, "minSectorExpiration must be positive");
    require(
        maxSectorExpiration() >= maxProveCommitDuration() + minSectorExpiration() + 1,
        "maxSectorExpiration must leave room for an expiration after the minimum");
    require(
        sectorMaximumLifetime() >= minSectorExpiration(),
        "sectorMaximumLifetime must be at least minSectorExpiration");
    require(faultMaxAge() >= wPoStProvingPeriod(), "faultMaxAge must be at least one period");
    require(maxSectorsPerCall() > 0, "maxSectorsPerCall must be positive");
    require(maxDealsPerSector() > 0, "maxDealsPerSector must be positive");
    require(maxSectorNumber() >= 0, "maxSectorNumber must not be negative");
    require(maxPartitionsPerDeadline() > 0, "maxPartitionsPerDeadline must be positive");
    require(addressedPartitionsMax() > 0, "addressedPartitionsMax must be positive");
    require(addressedSectorsMax() > 0, "addressedSectorsMax must be positive");
    require(postedPartitionsMax() > 0, "postedPartitionsMax must be positive");
    require(maxPeerIdLength() > 0, "maxPeerIdLength must be positive");
    require(maxPoRepProofBytes() > 0, "maxPoRepProofBytes must be positive");
    require(maxPoStProofBytes() > 0, "maxPoStProofBytes must be positive");
    require(!allowedPoStProofs().isEmpty(), "at least one PoSt proof type must be allowed");
    require(rewardPerBlock() >= 0, "rewardPerBlock must not be negative");
    require(networkPower() > 0, "networkPower must be positive");
    require(circulatingSupply() >= 0, "circulatingSupply must not be negative");
    require(pledgeLockTargetNumerator() >= 0, "pledgeLockTargetNumerator must not be negative");
    require(pledgeLockTargetDenominator() > 0, "pledgeLockTargetDenominator must be positive");
    require(preCommitDepositProjectionPeriod() >= 0, "projection periods must not be negative");
    require(initialPledgeProjectionPeriod() >= 0, "projection periods must not be negative");
    require(declaredFaultProjectionPeriod() >= 0, "projection periods must not be negative");
    require(continuedFaultProjectionPeriod() >= 0, "projection periods must not be negative");
    require(detectedFaultProjectionPeriod() >= 0, "projection periods must not be negative");
    require(terminationFeePledgeNumerator() >= 0, "fee numerators must not be negative");
    require(terminationFeeMinPledgeNumerator() >= 0, "fee numerators must not be negative");
    require(terminationFeeMaxFaultFeeNumerator() >= 0, "fee numerators must not be negative");
    require(terminationFeePledgeDenominator() > 0, "fee denominators must be positive");
    require(terminationFeeMinPledgeDenominator() > 0, "fee denominators must be positive");
    require(terminationFeeMaxFaultFeeDenominator() > 0, "fee denominators must be positive");
    require(terminationLifetimeCap() > 0, "terminationLifetimeCap must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("StorageProviderConfig: " + message);
  }
}
