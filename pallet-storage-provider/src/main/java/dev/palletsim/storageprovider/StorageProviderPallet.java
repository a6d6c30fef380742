package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.StorageProviderStorage.ALLOCATED_SECTORS;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.MINER_INFO;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.POST_SUBMISSIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMITS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;
import static dev.palletsim.storageprovider.StorageProviderStorage.SECTORS;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.crypto.Sha256;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.primitives.Bytes;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.LockedSupply;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.ProofVerifier;
import dev.palletsim.frame.traits.ProofVerifier.PoRepInputs;
import dev.palletsim.frame.traits.ProofVerifier.PoStInputs;
import dev.palletsim.frame.traits.ProofVerifier.Replica;
import dev.palletsim.frame.traits.ProviderAddresses;
import dev.palletsim.frame.traits.Randomness;
import dev.palletsim.frame.traits.RandomnessDomain;
import dev.palletsim.frame.traits.RewardRecipient;
import dev.palletsim.frame.traits.StoragePower;
import dev.palletsim.frame.traits.StorageProviderValidation;
import dev.palletsim.frame.traits.VerifiedRegistry;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.Supplier;

/**
 * The storage provider pallet (SPP in seed 001): provider registration, pre-commit and prove-commit
 * of sectors, Window PoSt deadlines and partitions, declared and detected faults, recoveries,
 * terminations and expirations, with deposits, pledges, fees and penalties. Filecoin's miner actor
 * semantics (filecoin-actors.md §3) expressed in blocks, seed 000's flow mapped onto deadlines
 * (ARCHITECTURE §1), without polka-storage's defects (polka-storage.md §1).
 *
 * <p>Its counterparts: {@link Market} (deals are verified at pre-commit, activated at prove-commit
 * or by the notification of onboarded pieces, terminated with their sectors), {@link
 * VerifiedRegistry} (the DataCap allocations of verified data are claimed when its sector is proven
 * or updated), {@link StoragePower} (every change of a sector's raw and quality-adjusted power is
 * reported in the same transaction), {@link Currency} (deposits and pledges are reserved, fees and
 * penalties burnt or sent to {@link StorageProviderConfig#penaltyBeneficiary()}), {@link
 * Randomness} and {@link ProofVerifier}. It provides {@link StorageProviderValidation} to the
 * market.
 *
 * <p>The calls live in one file per concern ({@link Registration}, {@link SectorCalls}, {@link
 * OnboardingCalls}, {@link ProvingCalls}, {@link FaultCalls}, {@link TerminationCalls}, {@link
 * CompactionCalls}, {@link AddressCalls}, {@link FundsCalls}, {@link DisputeCalls}), sharing {@link
 * CallChecks} (whose {@code authorize} is the one role check: owner, worker, control addresses,
 * beneficiary, as builtin-actors' miner lists them), {@link ProviderLedger} and {@link
 * DataActivation}; this class holds what they share: the couplings, the hook, the storage reads and
 * the helpers agents use.
 *
 * <p><b>Accounts and funds.</b> A provider is its account (the miner actor's address); its owner,
 * worker and control addresses ({@link MinerInfo}) are other accounts, or itself. Its funds are its
 * account's balance: free balance unlocked, deposits and pledge reserved (docs/design.md, "Provider
 * funds").
 *
 * <p>Its {@code onFinalize} costs what is due: it pops the pre-commits whose prove-commit deadline
 * passed and the providers whose current deadline ends from two ordered indexes by block (see
 * {@link DeadlineCron}). The public helpers (deadline info, randomness and proof inputs, reads of
 * sectors and partitions) give agents what an honest provider needs.
 */
@PalletName("StorageProvider")
public final class StorageProviderPallet
    implements Pallet, StorageProviderValidation, RewardRecipient, LockedSupply {
  /**
   * The name StorageProviderPallet declares with {@link PalletName}: its storage prefix, for work
   * records.
   */
  public static final String NAME = Pallet.nameOf(StorageProviderPallet.class);

  private final StorageProviderConfig config;
  private final ProvingSchedule schedule;
  private final Couplings couplings;
  private final Supplier<Currency> currency;
  private final Supplier<Market> market;
  private final Supplier<StoragePower> storagePower;
  private final Supplier<Randomness> randomness;
  private final Supplier<ProofVerifier> verifier;
  private final Supplier<NetworkEconomics> network;
  private final ProviderLedger ledger;
  private final CallChecks checks;
  private final Registration registration;
  private final SectorCalls sectorCalls;
  private final ProvingCalls proving;
  private final FaultCalls faults;
  private final TerminationCalls termination;
  private final CompactionCalls compaction;
  private final DataActivation dataActivation;
  private final OnboardingCalls onboarding;
  private final AddressCalls addresses;
  private final FundsCalls funds;
  private final DisputeCalls disputes;
  private final DeadlineCron cron;

  /** The pallet with {@code config}, resolving its counterparts from {@code couplings}. */
  public StorageProviderPallet(StorageProviderConfig config, Couplings couplings) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.schedule = config.schedule();
    this.couplings = java.util.Objects.requireNonNull(couplings, "couplings");
    this.currency = couplings.lazy(Currency.class);
    this.market = couplings.lazy(Market.class);
    this.storagePower = couplings.lazy(StoragePower.class);
    this.randomness = couplings.lazy(Randomness.class);
    this.verifier = couplings.lazy(ProofVerifier.class);
    this.network = couplings.lazy(NetworkEconomics.class);
    this.ledger = new ProviderLedger(this);
    this.checks = new CallChecks(this);
    this.registration = new Registration(this);
    this.sectorCalls = new SectorCalls(this);
    this.proving = new ProvingCalls(this);
    this.faults = new FaultCalls(this);
    this.termination = new TerminationCalls(this);
    this.compaction = new CompactionCalls(this);
    this.dataActivation = new DataActivation(this);
    this.onboarding = new OnboardingCalls(this);
    this.addresses = new AddressCalls(this);
    this.funds = new FundsCalls(this);
    this.disputes = new DisputeCalls(this);
    this.cron = new DeadlineCron(this);
  }

  /** The configuration. */
  public StorageProviderConfig config() {
    return config;
  }

  /** The proving schedule. */
  public ProvingSchedule schedule() {
    return schedule;
  }

  // =================================================================== calls

  // Grouped as FRAME pallets group theirs, one concern a file: registration; sectors (pre-commit,
  // prove-commit, extension); onboarding (direct data onboarding, aggregate prove-commit, replica
  // updates); proving (Window PoSt); faults (declare, recover); termination; compaction; accounts
  // (worker, owner, beneficiary); funds (withdraw, repay); disputes and consensus-fault reports.
  // Shared checks (the role check among them) are in CallChecks, money and power in
  // ProviderLedger, data activation in DataActivation.

  /** {@code registerStorageProvider}. */
  Registration registration() {
    return registration;
  }

  /** {@code preCommitSectors}, {@code proveCommitSectors}, {@code extendSectorExpiration}. */
  SectorCalls sectorCalls() {
    return sectorCalls;
  }

  /** {@code submitWindowedPost}. */
  ProvingCalls proving() {
    return proving;
  }

  /** {@code declareFaults}, {@code declareFaultsRecovered}. */
  FaultCalls faults() {
    return faults;
  }

  /** {@code terminateSectors} and the settlement of early terminations. */
  TerminationCalls termination() {
    return termination;
  }

  /** {@code compactPartitions}. */
  CompactionCalls compaction() {
    return compaction;
  }

  /** {@code proveCommitSectors3} and {@code proveReplicaUpdates3}. */
  OnboardingCalls onboarding() {
    return onboarding;
  }

  /** The activation of data in sectors: CommD of pieces, claims, notifications. */
  DataActivation dataActivation() {
    return dataActivation;
  }

  /**
   * {@code changeWorkerAddress}, {@code confirmChangeWorkerAddress}, {@code changeOwnerAddress},
   * {@code changeBeneficiary}.
   */
  AddressCalls addresses() {
    return addresses;
  }

  /** {@code withdrawBalance}, {@code repayDebt}. */
  FundsCalls funds() {
    return funds;
  }

  /** {@code disputeWindowedPost}, {@code reportConsensusFault}. */
  DisputeCalls disputes() {
    return disputes;
  }

  // =================================================================== hooks

  @Override
  public void onFinalize(Tx tx) {
    cron.onFinalize(tx);
  }

  // =================================================================== money and power

  /** Power reports, fees, fee debt, deposits and pledge. */
  ProviderLedger ledger() {
    return ledger;
  }

  /** The checks the calls share. */
  CallChecks checks() {
    return checks;
  }

  /** The deadline cron: {@code onFinalize}, and the enrolment of providers. */
  DeadlineCron cron() {
    return cron;
  }

  // =================================================================== StorageProviderValidation

  @Override
  public boolean isRegisteredStorageProvider(StateView view, AccountId who) {
    return who != null && PROVIDERS.contains(view, who);
  }

  @Override
  public Option<ProviderAddresses> controlAddresses(StateView view, AccountId provider) {
    return isRegisteredStorageProvider(view, provider)
        ? Option.some(minerInfo(view, provider).addresses())
        : Option.none();
  }

  // =================================================================== public helpers

  /**
   * The proving-period offset of {@code who}: the first 8 bytes of SHA-256("palletsim/proving-
   * period-offset" ‖ account bytes) read as an unsigned big-endian integer, modulo the proving
   * period. Deterministic in the account alone (Filecoin hashes the address and the creation epoch;
   * an account-only offset lets agents know their schedule before registering).
   */
  public static long provingPeriodOffset(AccountId who, long provingPeriod) {
    byte[] digest = Sha256.domain("palletsim/proving-period-offset").bytes(who.toBytes()).finish();
    return Long.remainderUnsigned(Bytes.readLong(digest, 0), provingPeriod);
  }

  /**
   * Who controls {@code provider} and who it pays ({@link MinerInfo}); a provider that never
   * changed its accounts is its own owner, worker and beneficiary.
   */
  public MinerInfo minerInfo(StateView view, AccountId provider) {
    return MINER_INFO.find(view, provider).getOrElse(() -> MinerInfo.selfOwned(provider));
  }

  /** Stores {@code provider}'s information; the self-owned default is stored as no entry. */
  void putMinerInfo(Tx tx, AccountId provider, MinerInfo info) {
    if (info.equals(MinerInfo.selfOwned(provider))) {
      MINER_INFO.remove(tx, provider);
    } else {
      MINER_INFO.insert(tx, provider, info);
    }
  }

  /**
   * The provider's funds as builtin-actors splits a miner's balance, if registered: {@link
   * ProviderFunds#available()} is what {@code withdrawBalance} can pay ({@code
   * GetAvailableBalance}).
   */
  public Option<ProviderFunds> funds(StateView view, AccountId provider) {
    return provider(view, provider).map(st -> ledger.funds(view, provider, st));
  }

  /** The optimistically accepted PoSts of {@code provider}'s deadline {@code index}. */
  public PoStSubmissions postSubmissions(StateView view, AccountId provider, int index) {
    return POST_SUBMISSIONS.find(view, provider, index).getOrElse(PoStSubmissions.EMPTY);
  }

  /**
   * The replicas a kept PoSt of {@code provider} proved, ordered by sector number, as {@code
   * disputeWindowedPost} verifies it: each sector's sealed CID as the PoSt kept it where a replica
   * update changed it or the sector went since, else as its record holds it.
   */
  public Vector<Replica> provenReplicas(StateView view, AccountId provider, WindowedPoSt post) {
    return post.replicas(n -> sector(view, provider, n).sealedCid());
  }

  /** The provider's state, if registered. */
  public Option<StorageProviderState> provider(StateView view, AccountId who) {
    return PROVIDERS.find(view, who);
  }

  /** The deadline open at {@code now} for {@code who}, if registered. */
  public Option<DeadlineInfo> currentDeadline(StateView view, AccountId who, long now) {
    return provider(view, who)
        .map(st -> DeadlineInfo.current(schedule, st.provingPeriodOffset(), now));
  }

  /**
   * The next occurrence of deadline {@code index} for {@code who} that has not elapsed at {@code
   * now} (the open one, if {@code index} is open): the one PoSts, declarations and terminations
   * address.
   */
  public Option<DeadlineInfo> deadlineInfo(StateView view, AccountId who, int index, long now) {
    return provider(view, who)
        .map(
            st ->
                DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), index, now)
                    .nextNotElapsed());
  }

  /** The provider's deadline {@code index} (empty if it never had sectors). */
  public Deadline deadline(StateView view, AccountId who, int index) {
    return DEADLINES.find(view, who, index).getOrElse(Deadline.EMPTY);
  }

  /** A partition, if it exists. */
  public Option<Partition> partition(StateView view, AccountId who, int deadline, int partition) {
    return PARTITIONS.find(view, who, new PartitionKey(deadline, partition));
  }

  /**
   * Every sector number {@code who} has pre-committed (builtin-actors' {@code allocated_sectors}):
   * numbers are never reused.
   */
  public BitField allocatedSectors(StateView view, AccountId who) {
    return ALLOCATED_SECTORS.find(view, who).getOrElse(BitField.empty());
  }

  /** A live sector, if proven and not terminated or expired. */
  public Option<SectorOnChainInfo> findSector(StateView view, AccountId who, long sectorNumber) {
    return SECTORS.find(view, who, sectorNumber);
  }

  /** A pre-commit, if not yet proven or expired. */
  public Option<SectorPreCommitOnChainInfo> preCommit(
      StateView view, AccountId who, long sectorNumber) {
    return PRE_COMMITS.find(view, who, sectorNumber);
  }

  /** The provider's live sectors, by number. */
  public Seq<SectorOnChainInfo> sectors(StateView view, AccountId who) {
    return SECTORS.entriesOf(view, who).map(Tuple2::_2);
  }

  /**
   * The partitions of deadline {@code index} that have something to prove and have not been proven
   * in the current window: what an honest provider submits while the deadline is open.
   */
  public Seq<Integer> partitionsToProve(StateView view, AccountId who, int index) {
    Deadline d = deadline(view, who, index);
    Vector<Integer> out = Vector.empty();
    for (int p = 0; p < d.partitionCount(); p++) {
      if (d.isPosted(p)) continue;
      if (partition(view, who, index, p).exists(x -> !x.toProve().isEmpty())) out = out.append(p);
    }
    return out;
  }

  /** The block whose randomness is the interactive seal seed of a pre-commit made at a block. */
  public long interactiveSeedBlock(long preCommitBlock) {
    return preCommitBlock + config.preCommitChallengeDelay();
  }

  /** The seal ticket of {@code who} at {@code height}. */
  public H256 sealRandomness(StateView view, AccountId who, long height) {
    return randomness.get().draw(view, RandomnessDomain.SealRandomness, height, who.toBytes());
  }

  /** The interactive seal seed of {@code who}'s pre-commit made at {@code preCommitBlock}. */
  public H256 interactiveSeed(StateView view, AccountId who, long preCommitBlock) {
    return randomness
        .get()
        .draw(
            view,
            RandomnessDomain.InteractiveSealChallengeSeed,
            interactiveSeedBlock(preCommitBlock),
            who.toBytes());
  }

  /** The challenge randomness of {@code who}'s PoSt for the deadline occurrence {@code dl}. */
  public H256 windowPoStRandomness(StateView view, AccountId who, DeadlineInfo dl) {
    return randomness
        .get()
        .draw(view, RandomnessDomain.WindowedPoStChallengeSeed, dl.challenge(), who.toBytes());
  }

  PoRepInputs poRepInputs(StateView view, AccountId who, SectorPreCommitOnChainInfo pc) {
    return new PoRepInputs(
        who,
        pc.sectorNumber(),
        pc.sealedCid(),
        pc.unsealedCid(),
        sealRandomness(view, who, pc.sealRandomnessHeight()),
        interactiveSeed(view, who, pc.preCommitBlock()));
  }

  /**
   * What the PoRep of a pre-committed sector proves, once its interactive seed exists at {@code
   * now} (none before, or without such a pre-commit).
   */
  public Option<PoRepInputs> poRepInputs(
      StateView view, AccountId who, long sectorNumber, long now) {
    return preCommit(view, who, sectorNumber)
        .filter(pc -> interactiveSeedBlock(pc.preCommitBlock()) <= now)
        .map(pc -> poRepInputs(view, who, pc));
  }

  /**
   * What a Window PoSt of {@code partitions} of the deadline open at {@code now} proves: the
   * challenge of that occurrence and the live sectors that are not faulty (or are recovering), by
   * number. None if {@code deadline} is not open or a partition does not exist.
   */
  public Option<PoStInputs> windowPoStInputs(
      StateView view, AccountId who, int deadline, Seq<Integer> partitions, long now) {
    return windowPoStInputsSkipping(view, who, deadline, partitions.map(PoStPartition::of), now);
  }

  /**
   * What a Window PoSt of {@code partitions}, each skipping its listed sectors, proves at {@code
   * now}: as {@link #windowPoStInputs} without the skipped sectors.
   */
  public Option<PoStInputs> windowPoStInputsSkipping(
      StateView view, AccountId who, int deadline, Seq<PoStPartition> partitions, long now) {
    Option<DeadlineInfo> current = currentDeadline(view, who, now);
    if (current.isEmpty() || current.get().index() != deadline) return Option.none();
    BitField sectors = BitField.empty();
    for (PoStPartition p : partitions) {
      Option<Partition> part = partition(view, who, deadline, p.index());
      if (part.isEmpty()) return Option.none();
      BitField toProve = part.get().toProve();
      for (Long skipped : p.skipped()) {
        if (skipped != null && skipped >= 0 && skipped <= BitField.MAX_MEMBER) {
          toProve = toProve.without(skipped);
        }
      }
      sectors = sectors.union(toProve);
    }
    Vector<Replica> replicas = Vector.empty();
    for (long s : sectors) {
      replicas = replicas.append(new Replica(s, sector(view, who, s).sealedCid()));
    }
    return Option.some(
        new PoStInputs(who, windowPoStRandomness(view, who, current.get()), replicas));
  }

  /** The pre-commit deposit of one sector sealed with {@code sealProof} in {@code view}. */
  public long preCommitDeposit(StateView view, RegisteredSealProof sealProof) {
    return Monies.preCommitDeposit(config, inputs(view), sealProof.sectorSize());
  }

  /** The initial pledge of one sector of {@code power} bytes proven at {@code block}. */
  public long initialPledge(StateView view, long power, long block) {
    return Monies.initialPledge(config, inputs(view), power, block);
  }

  // =================================================================== rewards

  @Override
  public boolean eligibleForRewards(StateView view, AccountId provider) {
    if (provider == null) return false;
    Option<StorageProviderState> st = PROVIDERS.find(view, provider);
    return st.isDefined()
        && st.get().feeDebt() == 0
        && !minerInfo(view, provider)
            .consensusFaultActive(dev.palletsim.frame.system.SystemStorage.NUMBER.get(view));
  }

  @Override
  public void applyRewards(Tx tx, AccountId provider, long reward, long penalty) {
    Ensure.nonNegative(reward, "reward");
    Ensure.nonNegative(penalty, "penalty");
    Option<StorageProviderState> found =
        provider == null ? Option.none() : PROVIDERS.find(tx, provider);
    Ensure.ensure(found.isDefined(), StorageProviderError.StorageProviderNotFound);
    StorageProviderState st = found.get();
    PROVIDERS.insert(tx, provider, ledger.applyRewards(tx, provider, st, reward, penalty));
  }

  /** The provider's vesting block rewards ({@code locked_funds}), planck. */
  public long lockedFunds(StateView view, AccountId provider) {
    return ProviderLedger.lockedFunds(view, provider);
  }

  /**
   * Σ over providers of pre-commit deposits, initial pledge and locked rewards: the funds the
   * providers hold out of circulation (builtin-actors' power actor {@code total_pledge_collateral}
   * with the deposits). Reads every provider: O(providers).
   */
  @Override
  public long lockedSupply(StateView view) {
    long sum = 0;
    for (var p : PROVIDERS.entries(view)) {
      sum =
          Checked.add(
              sum,
              Checked.add(
                  Checked.add(p._2.preCommitDeposits(), p._2.initialPledge()),
                  ProviderLedger.lockedFunds(view, p._1)));
    }
    return sum;
  }

  /** The provider's vesting table. */
  public VestingFunds vestingFunds(StateView view, AccountId provider) {
    return ProviderLedger.vesting(view, provider);
  }

  /** The network inputs of the money formulas in {@code view} ({@code NetworkEconomics}). */
  public NetworkInputs inputs(StateView view) {
    return network.get().inputs(view);
  }

  // =================================================================== internals

  /**
   * Before {@code sectors}' sealed CIDs change (a replica update) or their records go (termination,
   * expiry): every kept PoSt of their deadlines that proved them keeps the sealed CID it proved, so
   * that a dispute still verifies it against the proven replica ({@link WindowedPoSt}).
   */
  void keepProvenReplicas(Tx tx, AccountId owner, Seq<SectorOnChainInfo> sectors) {
    for (int d : sectors.map(SectorOnChainInfo::deadline).distinct().sorted()) {
      Option<PoStSubmissions> kept = POST_SUBMISSIONS.find(tx, owner, d);
      if (kept.isEmpty()) continue;
      PoStSubmissions next =
          kept.get()
              .keeping(
                  sectors
                      .filter(i -> i.deadline() == d)
                      .map(i -> new Replica(i.sectorNumber(), i.sealedCid())));
      if (next != kept.get()) POST_SUBMISSIONS.insert(tx, owner, d, next);
    }
  }

  SectorOnChainInfo sector(StateView view, AccountId owner, long sectorNumber) {
    return SECTORS
        .find(view, owner, sectorNumber)
        .getOrElseThrow(
            () -> new IllegalStateException("live sector " + sectorNumber + " has no info"));
  }

  Couplings couplings() {
    return couplings;
  }

  Currency currency() {
    return currency.get();
  }

  Market market() {
    return market.get();
  }

  StoragePower storagePower() {
    return storagePower.get();
  }

  ProofVerifier verifier() {
    return verifier.get();
  }

  // =================================================================== registration

  @Override
  public Seq<Invariant> invariants() {
    return new StorageProviderInvariants(this).all();
  }

  @Override
  public Seq<AccountId> palletAccounts() {
    return config.penaltyBeneficiary().map(List::of).orElse(List.empty());
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(
        StorageProviderCall.RegisterStorageProvider.class,
        StorageProviderCall.PreCommitSectors.class,
        StorageProviderCall.ProveCommitSectors.class,
        StorageProviderCall.ProveCommitSectors3.class,
        StorageProviderCall.ProveReplicaUpdates3.class,
        StorageProviderCall.SubmitWindowedPost.class,
        StorageProviderCall.DeclareFaults.class,
        StorageProviderCall.DeclareFaultsRecovered.class,
        StorageProviderCall.TerminateSectors.class,
        StorageProviderCall.ExtendSectorExpiration.class,
        StorageProviderCall.CompactPartitions.class,
        StorageProviderCall.ChangeWorkerAddress.class,
        StorageProviderCall.ConfirmChangeWorkerAddress.class,
        StorageProviderCall.ChangeOwnerAddress.class,
        StorageProviderCall.ChangeBeneficiary.class,
        StorageProviderCall.WithdrawBalance.class,
        StorageProviderCall.RepayDebt.class,
        StorageProviderCall.DisputeWindowedPost.class,
        StorageProviderCall.ReportConsensusFault.class);
  }
}
