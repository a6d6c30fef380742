package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import java.math.BigInteger;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The storage provider pallet's constants (polka-storage's config trait; builtin-actors' miner
 * {@code Policy}, filecoin-actors.md §3.1 and §3.9), all in blocks, planck and bytes. The
 * network-wide inputs of the money formulas (circulating supply, baseline power, reward and power
 * estimates) are not here: they come from the runtime's {@code NetworkEconomics}. The defaults are
 * the {@link #testnet()} preset; {@link #filecoin()} is builtin-actors' {@code Policy::default()}
 * epoch for epoch and {@link #mainnetLike()} derives from it for 6 s blocks. Validated at
 * construction:
 *
 * <ul>
 *   <li>proving period = deadlines × challenge window, at least 3 deadlines, {@code 0 < lookback ≤
 *       fault declaration cutoff < period − challenge window} (see {@link ProvingSchedule});
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
   * fire. Fault fees follow seed 000 ({@link FaultFeeSchedule#Seed000}).
   */
  public static StorageProviderConfig testnet() {
    return builder().build();
  }

  /** builtin-actors' {@code EPOCHS_IN_HOUR}: 30 s epochs. */
  public static final long FILECOIN_EPOCHS_IN_HOUR = 120;

  /** builtin-actors' {@code EPOCHS_IN_DAY}. */
  public static final long FILECOIN_EPOCHS_IN_DAY = 2880;

  /** builtin-actors' {@code EPOCHS_IN_YEAR}: 31,556,925 s / 30 s. */
  public static final long FILECOIN_EPOCHS_IN_YEAR = 1_051_897;

  /** builtin-actors' {@code CHAIN_FINALITY}. */
  public static final long FILECOIN_CHAIN_FINALITY = 900;

  /**
   * Blocks of {@link #mainnetLike()} per Filecoin epoch: 6 s blocks against 30 s epochs. Every
   * duration of {@code mainnetLike()} is its {@link #filecoin()} value times this; nothing else
   * differs.
   */
  public static final long MAINNET_LIKE_BLOCKS_PER_EPOCH = 5;

  /**
   * builtin-actors' miner policy ({@code Policy::default()}, {@code actors/miner/src/policy.rs},
   * {@code monies.rs}), one block per 30 s epoch: a one-day proving period of 48 deadlines of 60
   * epochs, challenge lookback 20, fault declaration cutoff 70, {@code FaultMaxAge} 42 days,
   * pre-commit challenge delay 150, 30 days + 150 to prove a V1P1 seal, 32 GiB and 64 GiB sectors,
   * 180 days to 5 years of sector life, pre-commit deposit and pledge over 20 days of reward, the
   * continued-fault fee over 3.51 days, FIP-0098 termination fees, FIP-0100 daily fees and the 1
   * FIL per 32 GiB pledge cap (a planck being 10⁸ attoFIL). docs/filecoin-parity.md lists each
   * constant with its builtin-actors name.
   */
  public static StorageProviderConfig filecoin() {
    long day = FILECOIN_EPOCHS_IN_DAY;
    return builder()
        .wPoStProvingPeriod(day)
        .wPoStChallengeWindow(60)
        .wPoStPeriodDeadlines(48)
        .wPoStChallengeLookback(20)
        .faultDeclarationCutoff(20 + 50)
        .faultMaxAge(42 * day)
        .wPoStDisputeWindow(2 * FILECOIN_CHAIN_FINALITY)
        .optimisticWindowPoSt(true)
        .chainFinality(FILECOIN_CHAIN_FINALITY)
        .workerKeyChangeDelay(FILECOIN_CHAIN_FINALITY)
        .maxControlAddresses(10)
        .consensusFaultIneligibilityDuration(FILECOIN_CHAIN_FINALITY)
        .preCommitChallengeDelay(150)
        .maxProveCommitDuration(30 * day + 150)
        .maxPreCommitRandomnessLookback(day + FILECOIN_CHAIN_FINALITY)
        .expiredPreCommitCleanUpDelay(8 * FILECOIN_EPOCHS_IN_HOUR)
        .minSectorExpiration(180 * day)
        .maxSectorExpiration(1278 * day)
        .sectorMaximumLifetime(5 * FILECOIN_EPOCHS_IN_YEAR)
        .maxSectorsPerCall(256)
        .maxDealsPerSector(256)
        .dealLimitDenominator(1L << 27)
        .maxSectorNumber(Long.MAX_VALUE)
        .postedPartitionsMax(3)
        .allowedPoStProofs(
            TreeSet.of(
                RegisteredPoStProof.StackedDRGWindow32GiBV1P1,
                RegisteredPoStProof.StackedDRGWindow64GiBV1P1))
        .faultFeeSchedule(FaultFeeSchedule.BuiltinActors)
        .strictDeclarations(false)
        .preCommitDepositProjectionPeriod(20 * day)
        .initialPledgeProjectionPeriod(20 * day)
        .declaredFaultProjectionPeriod(day * 351 / 100)
        .continuedFaultProjectionPeriod(day * 351 / 100)
        .detectedFaultProjectionPeriod(day * 551 / 100)
        .terminationLifetimeCap(140 * day)
        .dailyFeeBlockRewardCapPeriod(day)
        .rewardVestingSpec(VestSpec.rewardVesting(day))
        .invalidWindowPoStProjectionPeriod(day * 351 / 100 + 2 * day)
        .baseRewardForDisputedWindowPoSt(4 * Units.TOKEN)
        .basePenaltyForDisputedWindowPoSt(20 * Units.TOKEN)
        .endOfLifeClaimDropPeriod(30 * day)
        .initialPledgeMaxPerByteNumerator(1_000_000_000_000_000_000L / (32 * Units.GIB))
        .initialPledgeMaxPerByteDenominator(ATTO_PER_PLANCK)
        .build();
  }

  /** attoFIL per planck under the {@code filecoin} preset (one token is one FIL). */
  public static final long ATTO_PER_PLANCK = 100_000_000L;

  /**
   * Filecoin mainnet at 6 s blocks: {@link #filecoin()} with every duration multiplied by {@link
   * #MAINNET_LIKE_BLOCKS_PER_EPOCH} (a one-day proving period of 14,400 blocks in 48 deadlines of
   * 300, a fault declaration cutoff of 350, …), every other constant unchanged.
   */
  public static StorageProviderConfig mainnetLike() {
    StorageProviderConfig f = filecoin();
    long k = MAINNET_LIKE_BLOCKS_PER_EPOCH;
    return builder()
        .from(f)
        .wPoStProvingPeriod(k * f.wPoStProvingPeriod())
        .wPoStChallengeWindow(k * f.wPoStChallengeWindow())
        .wPoStChallengeLookback(k * f.wPoStChallengeLookback())
        .faultDeclarationCutoff(k * f.faultDeclarationCutoff())
        .faultMaxAge(k * f.faultMaxAge())
        .wPoStDisputeWindow(k * f.wPoStDisputeWindow())
        .chainFinality(k * f.chainFinality())
        .workerKeyChangeDelay(k * f.workerKeyChangeDelay())
        .consensusFaultIneligibilityDuration(k * f.consensusFaultIneligibilityDuration())
        .preCommitChallengeDelay(k * f.preCommitChallengeDelay())
        .maxProveCommitDuration(k * f.maxProveCommitDuration())
        .maxPreCommitRandomnessLookback(k * f.maxPreCommitRandomnessLookback())
        .expiredPreCommitCleanUpDelay(k * f.expiredPreCommitCleanUpDelay())
        .minSectorExpiration(k * f.minSectorExpiration())
        .maxSectorExpiration(k * f.maxSectorExpiration())
        .sectorMaximumLifetime(k * f.sectorMaximumLifetime())
        .preCommitDepositProjectionPeriod(k * f.preCommitDepositProjectionPeriod())
        .initialPledgeProjectionPeriod(k * f.initialPledgeProjectionPeriod())
        .declaredFaultProjectionPeriod(k * f.declaredFaultProjectionPeriod())
        .continuedFaultProjectionPeriod(k * f.continuedFaultProjectionPeriod())
        .detectedFaultProjectionPeriod(k * f.detectedFaultProjectionPeriod())
        .terminationLifetimeCap(k * f.terminationLifetimeCap())
        .dailyFeeBlockRewardCapPeriod(k * f.dailyFeeBlockRewardCapPeriod())
        .rewardVestingSpec(
            new VestSpec(
                k * f.rewardVestingSpec().initialDelay(),
                k * f.rewardVestingSpec().vestPeriod(),
                k * f.rewardVestingSpec().stepDuration(),
                k * f.rewardVestingSpec().quantization()))
        .invalidWindowPoStProjectionPeriod(k * f.invalidWindowPoStProjectionPeriod())
        .endOfLifeClaimDropPeriod(k * f.endOfLifeClaimDropPeriod())
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

  /**
   * Blocks after a deadline's window closes during which its optimistically accepted PoSts may be
   * disputed ({@code WPOST_DISPUTE_WINDOW}); a deadline cannot be compacted meanwhile, as in
   * Filecoin. Under 3 deadlines a deadline is mutable only during the window after its own, so the
   * testnet's is half a window.
   */
  @Value.Default
  public long wPoStDisputeWindow() {
    return 10;
  }

  /**
   * Whether a Window PoSt that recovers no power is accepted without verification and kept for
   * {@code DisputeWindowedPoSt} (Filecoin since network version 13); {@code false} verifies every
   * PoSt when it is submitted. PoSts with recoveries are verified at once either way.
   */
  @Value.Default
  public boolean optimisticWindowPoSt() {
    return false;
  }

  /**
   * How far back, in blocks, consensus-fault evidence may lie ({@code CHAIN_FINALITY}: the worker
   * key of a header can only be looked up within finality).
   */
  @Value.Default
  public long chainFinality() {
    return 20;
  }

  // ------------------------------------------------------------ accounts (blocks)

  /**
   * Blocks between a requested worker change and the block it may take effect ({@code
   * WORKER_KEY_CHANGE_DELAY}).
   */
  @Value.Default
  public long workerKeyChangeDelay() {
    return 20;
  }

  /** The most control addresses a provider may have ({@code MAX_CONTROL_ADDRESSES}). */
  @Value.Default
  public int maxControlAddresses() {
    return 10;
  }

  /**
   * Blocks after a reported consensus fault during which the provider may neither pre-commit nor
   * declare recoveries, and no earlier fault may be reported ({@code
   * CONSENSUS_FAULT_INELIGIBILITY_DURATION}).
   */
  @Value.Default
  public long consensusFaultIneligibilityDuration() {
    return 20;
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

  /**
   * Deals per sector: at least this many, more for large sectors when {@link
   * #dealLimitDenominator()} is set (Filecoin's {@code sector_deals_max}: {@code max(256, size /
   * 2²⁷)}).
   */
  @Value.Default
  public int maxDealsPerSector() {
    return 128;
  }

  /**
   * Bytes of sector per allowed deal above {@link #maxDealsPerSector()} ({@code
   * DEAL_LIMIT_DENOMINATOR}, 2²⁷ in Filecoin); 0 applies {@code maxDealsPerSector} to every size.
   */
  @Value.Default
  public long dealLimitDenominator() {
    return 0;
  }

  /** The most deals a sector of {@code sectorSize} bytes may hold. */
  public long maxDealsFor(long sectorSize) {
    long bySize = dealLimitDenominator() == 0 ? 0 : sectorSize / dealLimitDenominator();
    return Math.max(maxDealsPerSector(), bySize);
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

  /**
   * Whether declarations naming sectors they cannot apply to fail: a terminated sector declared
   * faulty ({@code SectorsNotLive}) or a sector declared recovered that is not faulty ({@code
   * SectorsNotFaulty}). builtin-actors ignores such sectors ({@code record_faults}, {@code
   * declare_faults_recovered}): {@code false}.
   */
  @Value.Default
  public boolean strictDeclarations() {
    return true;
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

  /** The fewest sectors one aggregate seal proof may prove ({@code MIN_AGGREGATED_SECTORS}). */
  @Value.Default
  public int minAggregatedSectors() {
    return 4;
  }

  /** The most sectors one aggregate seal proof may prove ({@code MAX_AGGREGATED_SECTORS}). */
  @Value.Default
  public int maxAggregatedSectors() {
    return 819;
  }

  /** The longest aggregate seal proof, in bytes ({@code MAX_AGGREGATED_PROOF_SIZE}). */
  @Value.Default
  public int maxAggregatedProofBytes() {
    return 81_960;
  }

  /** The longest replica update proof, in bytes ({@code MAX_REPLICA_UPDATE_PROOF_SIZE}). */
  @Value.Default
  public int maxReplicaUpdateProofBytes() {
    return 4_096;
  }

  /**
   * Blocks before a sector's expiration from which an extension may drop its verified claims
   * ({@code END_OF_LIFE_CLAIM_DROP_PERIOD}, 30 days).
   */
  @Value.Default
  public long endOfLifeClaimDropPeriod() {
    return 30;
  }

  /** The longest Window PoSt proof per partition proven, in bytes (Filecoin's proof size). */
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

  /**
   * When faulty sectors pay: builtin-actors' schedule or seed 000's (see {@link FaultFeeSchedule}).
   */
  @Value.Default
  public FaultFeeSchedule faultFeeSchedule() {
    return FaultFeeSchedule.Seed000;
  }

  /**
   * The power a pre-commit deposit is computed for, as a multiple of the sector size: the largest
   * quality-adjusted power the sector could have (Filecoin's {@code qa_power_max}: 10 × size).
   */
  @Value.Default
  public long preCommitDepositPowerMultiplier() {
    return 10;
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

  /** Blocks of expected reward the declared-fault fee takes ({@code Seed000}; 3.51 days). */
  @Value.Default
  public long declaredFaultProjectionPeriod() {
    return 60 * 351 / 100;
  }

  /**
   * Blocks of expected reward the continued-fault fee {@code FF} takes per deadline ({@code
   * CONTINUED_FAULT_PROJECTION_PERIOD}: 3.51 days).
   */
  @Value.Default
  public long continuedFaultProjectionPeriod() {
    return 60 * 351 / 100;
  }

  /**
   * Blocks of expected reward the detected-fault penalty takes ({@code Seed000}; 3.51 + 2 days).
   */
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

  /**
   * Blocks of expected reward the penalty for a successfully disputed PoSt takes, before its base
   * ({@code INVALID_WINDOW_POST_PROJECTION_PERIOD}: the continued-fault period + 2 days).
   */
  @Value.Default
  public long invalidWindowPoStProjectionPeriod() {
    return 60 * 351 / 100 + 2 * 60;
  }

  /**
   * The reward of a successful {@code DisputeWindowedPoSt}, paid to the disputer from the penalty
   * ({@code BASE_REWARD_FOR_DISPUTED_WINDOW_POST}: 4 FIL), planck.
   */
  @Value.Default
  public long baseRewardForDisputedWindowPoSt() {
    return 4 * Units.MILLI_TOKEN;
  }

  /**
   * The fixed part of the penalty for a successfully disputed PoSt ({@code
   * BASE_PENALTY_FOR_DISPUTED_WINDOW_POST}: 20 FIL), planck.
   */
  @Value.Default
  public long basePenaltyForDisputedWindowPoSt() {
    return 20 * Units.MILLI_TOKEN;
  }

  /** Blocks of age after which the full pledge share is charged (Filecoin: 140 days). */
  @Value.Default
  public long terminationLifetimeCap() {
    return 140 * 60;
  }

  /**
   * Whether sectors pay FIP-0100's daily fee (on in every preset; docs/design.md, "Daily fee").
   * Off, sectors record no daily fee and deadline closes charge none.
   */
  @Value.Default
  public boolean dailyFees() {
    return true;
  }

  /**
   * How block rewards vest ({@code REWARD_VESTING_SPEC}: 180 days, daily steps, on a 12-hour grid);
   * the testnet's day is its 60-block proving period.
   */
  @Value.Default
  public VestSpec rewardVestingSpec() {
    return VestSpec.rewardVesting(60);
  }

  /**
   * The share of a block reward locked to vest, numerator ({@code LOCKED_REWARD_FACTOR_NUM}, 3);
   * the rest is free at once.
   */
  @Value.Default
  public long lockedRewardFactorNumerator() {
    return 3;
  }

  /** The locked share's denominator ({@code LOCKED_REWARD_FACTOR_DENOM}, 4). */
  @Value.Default
  public long lockedRewardFactorDenominator() {
    return 4;
  }

  /**
   * FIP-0100's daily fee per byte of power, as a share of the circulating supply: numerator ({@code
   * DAILY_FEE_CIRCULATING_SUPPLY_QAP_MULTIPLIER_NUM}, 161,817).
   */
  @Value.Default
  public long dailyFeeCirculatingSupplyQapMultiplierNumerator() {
    return 161_817;
  }

  /** The daily fee's denominator (10³⁰). */
  @Value.Default
  public BigInteger dailyFeeCirculatingSupplyQapMultiplierDenominator() {
    return BigInteger.TEN.pow(30);
  }

  /**
   * The daily fee payable at a deadline's close is at most the expected reward of the deadline's
   * live power over {@link #dailyFeeBlockRewardCapPeriod()} divided by this ({@code
   * DAILY_FEE_BLOCK_REWARD_CAP_DENOM}, 2).
   */
  @Value.Default
  public long dailyFeeBlockRewardCapDenominator() {
    return 2;
  }

  /** Blocks of expected reward the daily fee cap is taken over (Filecoin: one day). */
  @Value.Default
  public long dailyFeeBlockRewardCapPeriod() {
    return 60;
  }

  /**
   * The initial pledge cap per byte of power, numerator in planck ({@code
   * INITIAL_PLEDGE_MAX_PER_BYTE}: ⌊1 FIL / 32 GiB⌋ = 29,103,830 attoFIL); 0 for no cap.
   */
  @Value.Default
  public long initialPledgeMaxPerByteNumerator() {
    return 0;
  }

  /** The pledge cap's denominator (10⁸ under {@code filecoin}: attoFIL per planck). */
  @Value.Default
  public long initialPledgeMaxPerByteDenominator() {
    return 1;
  }

  /**
   * Where fees, penalties and burnt deposits go: nowhere (burnt, the default) or to this account (a
   * treasury). The account is endowed at genesis as a pallet account, so that it always exists.
   */
  public abstract Optional<AccountId> penaltyBeneficiary();

  /** Rejects inconsistent settings when the config is built (Immutables' check). */
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
    require(minAggregatedSectors() >= 1, "minAggregatedSectors must be at least 1");
    require(
        maxAggregatedSectors() >= minAggregatedSectors(),
        "maxAggregatedSectors must be ≥ minAggregatedSectors");
    require(maxAggregatedProofBytes() > 0, "maxAggregatedProofBytes must be positive");
    require(maxReplicaUpdateProofBytes() > 0, "maxReplicaUpdateProofBytes must be positive");
    require(endOfLifeClaimDropPeriod() >= 0, "endOfLifeClaimDropPeriod must not be negative");
    require(maxPoStProofBytes() > 0, "maxPoStProofBytes must be positive");
    require(!allowedPoStProofs().isEmpty(), "at least one PoSt proof type must be allowed");
    require(wPoStDisputeWindow() >= 0, "wPoStDisputeWindow must not be negative");
    require(
        wPoStDisputeWindow() < wPoStProvingPeriod() - 2 * wPoStChallengeWindow(),
        "wPoStDisputeWindow must leave a deadline compactable at some point of each period");
    require(chainFinality() > 0, "chainFinality must be positive");
    require(workerKeyChangeDelay() >= 0, "workerKeyChangeDelay must not be negative");
    require(maxControlAddresses() >= 0, "maxControlAddresses must not be negative");
    require(
        consensusFaultIneligibilityDuration() >= 0,
        "consensusFaultIneligibilityDuration must not be negative");
    require(invalidWindowPoStProjectionPeriod() >= 0, "projection periods must not be negative");
    require(
        baseRewardForDisputedWindowPoSt() >= 0 && basePenaltyForDisputedWindowPoSt() >= 0,
        "dispute rewards and penalties must not be negative");
    require(dealLimitDenominator() >= 0, "dealLimitDenominator must not be negative");
    require(preCommitDepositPowerMultiplier() >= 1, "preCommitDepositPowerMultiplier must be ≥ 1");
    require(
        dailyFeeCirculatingSupplyQapMultiplierNumerator() >= 0,
        "the daily fee numerator must not be negative");
    require(
        dailyFeeCirculatingSupplyQapMultiplierDenominator().signum() > 0,
        "the daily fee denominator must be positive");
    require(dailyFeeBlockRewardCapDenominator() > 0, "the daily fee cap denominator must be > 0");
    require(rewardVestingSpec() != null, "the reward vesting spec is required");
    require(
        lockedRewardFactorDenominator() > 0
            && lockedRewardFactorNumerator() >= 0
            && lockedRewardFactorNumerator() <= lockedRewardFactorDenominator(),
        "the locked reward share must lie in [0, 1]");
    require(dailyFeeBlockRewardCapPeriod() >= 0, "projection periods must not be negative");
    require(
        initialPledgeMaxPerByteNumerator() >= 0, "initialPledgeMaxPerByteNumerator must be ≥ 0");
    require(
        initialPledgeMaxPerByteDenominator() > 0,
        "initialPledgeMaxPerByteDenominator must be positive");
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
