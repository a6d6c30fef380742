package dev.palletsim.storageprovider;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.SimulatedProofs;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.PeerId;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.StoragePower;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.function.UnaryOperator;

/**
 * A mock runtime with the storage provider pallet, a {@link FakeMarket} and a {@link FakePower},
 * and the steps an honest provider takes, built only from the pallet's public helpers (as an agent
 * would).
 */
final class SpHarness {
  final Chain chain;
  final StorageProviderPallet pallet;
  final FakeMarket market;
  final StorageProviderConfig config;

  private SpHarness(Chain chain, FakeMarket market, StorageProviderConfig config) {
    this.chain = chain;
    this.pallet = chain.runtime().pallet(StorageProviderPallet.class);
    this.market = market;
    this.config = config;
  }

  static SpHarness start(StorageProviderConfig config, FakeMarket market) {
    return start(config, market, b -> b);
  }

  static SpHarness start(
      StorageProviderConfig config, FakeMarket market, UnaryOperator<MockRuntime.Builder> adjust) {
    MockRuntime.Builder b =
        MockRuntime.builder()
            .pallet(c -> new StorageProviderPallet(config, c))
            .coupling(Market.class, market)
            .coupling(StoragePower.class, new FakePower());
    return new SpHarness(adjust.apply(b).start(), market, config);
  }

  /** Testnet config, deals 1…8 belonging to {@code provider}, ending at block 300. */
  static SpHarness testnet(AccountId provider) {
    return start(StorageProviderConfig.testnet(), FakeMarket.withDeals(provider, 8, 300));
  }

  RegisteredSealProof sealProof() {
    return RegisteredSealProof.forPoSt(config.allowedPoStProofs().head());
  }

  long sectorSize() {
    return sealProof().sectorSize();
  }

  long now() {
    return chain.blockNumber();
  }

  DispatchOutcome register(AccountId who) {
    return chain.dispatch(
        who,
        new StorageProviderCall.RegisterStorageProvider(
            new PeerId("12D3KooW" + who.toHex().substring(2, 12)),
            config.allowedPoStProofs().head()));
  }

  /** Registers {@code who} with its proving-period offset pinned to {@code offset}. */
  DispatchOutcome register(AccountId who, long offset) {
    return chain.dispatch(
        who,
        new StorageProviderCall.RegisterStorageProvider(
            new PeerId("12D3KooW" + who.toHex().substring(2, 12)),
            config.allowedPoStProofs().head(),
            io.vavr.control.Option.some(offset)));
  }

  /** Registers {@code who} with {@code owner}, {@code worker} and {@code controls}. */
  DispatchOutcome register(
      AccountId who, AccountId owner, AccountId worker, Seq<AccountId> controls) {
    return chain.dispatch(
        who,
        new StorageProviderCall.RegisterStorageProvider(
            new PeerId("12D3KooW" + who.toHex().substring(2, 12)),
            config.allowedPoStProofs().head(),
            io.vavr.control.Option.none(),
            io.vavr.control.Option.some(owner),
            io.vavr.control.Option.some(worker),
            io.vavr.control.Option.some(controls)));
  }

  /** A valid expiration for a sector pre-committed now: a little past the minimum. */
  long defaultExpiration() {
    return now() + config.maxProveCommitDuration() + config.minSectorExpiration() + 200;
  }

  /**
   * A valid pre-commit of sector {@code n} holding {@code deals}, sealed with last block's ticket.
   */
  SectorPreCommitInfo preCommitInfo(AccountId who, long n, Seq<Long> deals, long expiration) {
    long height = now() - 1;
    Cid commD = market.commD(deals, sectorSize());
    Cid commR =
        Commitments.sealedSector(
            commD, pallet.sealRandomness(chain.world(), who, height).toBytes(), who.toBytes(), n);
    return new SectorPreCommitInfo(sealProof(), n, commR, height, deals, expiration, commD);
  }

  DispatchOutcome preCommit(AccountId who, SectorPreCommitInfo... infos) {
    return chain.dispatch(who, new StorageProviderCall.PreCommitSectors(List.of(infos)));
  }

  /** Pre-commits committed-capacity sectors with the default expiration. */
  DispatchOutcome preCommitCc(AccountId who, long... numbers) {
    Vector<SectorPreCommitInfo> infos = Vector.empty();
    for (long n : numbers) {
      infos = infos.append(preCommitInfo(who, n, List.empty(), defaultExpiration()));
    }
    return chain.dispatch(who, new StorageProviderCall.PreCommitSectors(infos));
  }

  /**
   * The block at whose end a pre-commit made at {@code preCommitBlock} loses its deposit: the bound
   * {@code preCommitBlock + maxProveCommitDuration + cleanUpDelay} rounded up to the next opening
   * of one of {@code who}'s deadlines, that deadline's last block (builtin-actors' pre-commit
   * clean-up, run by the deadline cron).
   */
  long preCommitBurnBlock(AccountId who, long preCommitBlock) {
    long bound =
        preCommitBlock + config.maxProveCommitDuration() + config.expiredPreCommitCleanUpDelay();
    long window = config.wPoStChallengeWindow();
    long open = bound + Math.floorMod(state(who).provingPeriodOffset() - bound, window);
    return open + window - 1;
  }

  /** Runs to the first block at which the pre-commit of {@code n} may be proven. */
  void runToProvable(AccountId who, long n) {
    long pc = pallet.preCommit(chain.world(), who, n).get().preCommitBlock();
    long first = pallet.interactiveSeedBlock(pc) + 1;
    if (now() < first) chain.runToBlock(first);
  }

  /** A valid PoRep for pre-committed sector {@code n}, at the current block. */
  ProveCommitSector validProof(AccountId who, long n) {
    var inputs = pallet.poRepInputs(chain.world(), who, n, now()).get();
    return new ProveCommitSector(n, ProofBytes.of(SimulatedProofs.porep(inputs)));
  }

  DispatchOutcome proveCommit(AccountId who, long... numbers) {
    Vector<ProveCommitSector> proofs = Vector.empty();
    for (long n : numbers) proofs = proofs.append(validProof(who, n));
    return chain.dispatch(who, new StorageProviderCall.ProveCommitSectors(proofs));
  }

  /** Pre-commits and proves committed-capacity sectors; fails the test if either step fails. */
  void onboardCc(AccountId who, long... numbers) {
    require(preCommitCc(who, numbers));
    for (long n : numbers) runToProvable(who, n);
    require(proveCommit(who, numbers));
  }

  SectorOnChainInfo sector(AccountId who, long n) {
    return pallet.findSector(chain.world(), who, n).get();
  }

  /** Runs until deadline {@code index} is open (stays if it is). */
  DeadlineInfo runToDeadlineOpen(AccountId who, int index) {
    DeadlineInfo dl = pallet.deadlineInfo(chain.world(), who, index, now()).get();
    if (!dl.isOpen()) chain.runToBlock(dl.open());
    return pallet.deadlineInfo(chain.world(), who, index, now()).get();
  }

  /** Runs until the deadline of sector {@code n} is open. */
  DeadlineInfo runToSectorDeadline(AccountId who, long n) {
    return runToDeadlineOpen(who, sector(who, n).deadline());
  }

  /** A valid Window PoSt for {@code partitions} of the open deadline. */
  ProofBytes validPoSt(AccountId who, int deadline, Seq<Integer> partitions) {
    var inputs = pallet.windowPoStInputs(chain.world(), who, deadline, partitions, now()).get();
    return ProofBytes.of(SimulatedProofs.post(inputs));
  }

  DispatchOutcome submitPoSt(AccountId who, int deadline, Integer... partitions) {
    List<Integer> parts = List.of(partitions);
    return chain.dispatch(
        who,
        new StorageProviderCall.SubmitWindowedPost(
            deadline, parts.map(PoStPartition::of), validPoSt(who, deadline, parts), now() - 1));
  }

  /** A valid Window PoSt of {@code partitions} of the open deadline, skipping what they list. */
  DispatchOutcome submitPoStSkipping(AccountId who, int deadline, PoStPartition... partitions) {
    List<PoStPartition> parts = List.of(partitions);
    var inputs = pallet.windowPoStInputsSkipping(chain.world(), who, deadline, parts, now()).get();
    return chain.dispatch(
        who,
        new StorageProviderCall.SubmitWindowedPost(
            deadline, parts, ProofBytes.of(SimulatedProofs.post(inputs)), now() - 1));
  }

  /** Proves every partition of the sector's deadline in its next window; fails the test if not. */
  void proveDeadlineOf(AccountId who, long n) {
    DeadlineInfo dl = runToSectorDeadline(who, n);
    Seq<Integer> parts = pallet.partitionsToProve(chain.world(), who, dl.index());
    require(submitPoSt(who, dl.index(), parts.toJavaArray(Integer[]::new)));
  }

  /** Runs past the end of the window of deadline {@code index} that is open or next. */
  void runPastDeadline(AccountId who, int index) {
    DeadlineInfo dl = pallet.deadlineInfo(chain.world(), who, index, now()).get();
    chain.runToBlock(dl.close());
  }

  long power(AccountId who) {
    return FakePower.CLAIMS.find(chain.world(), who).getOrElse(0L);
  }

  StorageProviderState state(AccountId who) {
    return pallet.provider(chain.world(), who).get();
  }

  Partition partitionOf(AccountId who, long n) {
    SectorOnChainInfo s = sector(who, n);
    return pallet.partition(chain.world(), who, s.deadline(), s.partition()).get();
  }

  static SectorDeclaration declaration(SectorOnChainInfo s) {
    return new SectorDeclaration(s.deadline(), s.partition(), List.of(s.sectorNumber()));
  }

  /** The storage provider events of a call, in order; fails the test if the call failed. */
  static Vector<StorageProviderEvent> spEvents(DispatchOutcome outcome) {
    return require(outcome).eventsOf(StorageProviderEvent.class);
  }

  static DispatchOutcome require(DispatchOutcome outcome) {
    if (!outcome.isSuccess()) throw new AssertionError("expected success: " + outcome);
    return outcome;
  }
}
