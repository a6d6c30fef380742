package dev.palletsim.benchmarks;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.ChainState;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.frame.traits.VerifiedRegistry;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.storageprovider.DeadlineInfo;
import dev.palletsim.storageprovider.PieceActivationManifest;
import dev.palletsim.storageprovider.SectorActivationManifest;
import dev.palletsim.storageprovider.SectorPreCommitInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderConfig;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.storageprovider.VerifiedAllocationKey;
import dev.palletsim.verifiedregistry.ClaimTerm;
import dev.palletsim.verifiedregistry.VerifiedRegistryCall;
import dev.palletsim.verifiedregistry.VerifiedRegistryGenesis;
import dev.palletsim.verifiedregistry.VerifiedRegistryPallet;
import dev.palletsim.verifiedregistry.VerifiedRegistryStorage;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The main calls of the storage runtime (testnet preset), each ready to dispatch on a prepared
 * chain, among them every call of the data onboarding and verified registry work (issues 12 and
 * 21): what {@link CallWeightBenchmark} times and {@code tools.CallWeightTable} reports beside each
 * call's declared and metered weight. Each case is a state and a call that succeeds on it, on its
 * most expensive path where the call has several (a worker change that takes effect, a withdrawal
 * paid to a beneficiary other than the owner, a dispute that proves a PoSt invalid); dispatching on
 * a fork of the state ({@code O(1)}) repeats the same work every time. The dispute runs under
 * {@link #OPTIMISTIC}, the testnet with optimistic Window PoSt, which is what makes a PoSt
 * disputable.
 *
 * @param name the case's name
 * @param runtime the runtime it runs under
 * @param state the chain state the call runs on
 * @param origin who makes the call
 * @param call the call
 */
public record CallWeightCases(
    String name, Runtime runtime, ChainState state, Origin origin, Call<?> call) {
  /** The cases' names, as JMH parameters. */
  public static final String[] NAMES = {
    "transfer_keep_alive",
    "add_balance",
    "publish_storage_deals-1",
    "publish_storage_deals-8",
    "pre_commit_sectors",
    "prove_commit_sectors",
    "publish_storage_deals-verified-1",
    "prove_commit_sectors3-1",
    "prove_commit_sectors3-aggregate-4",
    "prove_replica_updates3",
    "add_verifier",
    "remove_verifier",
    "add_verified_client",
    "remove_verified_client_data_cap",
    "allocate_data_cap",
    "remove_expired_allocations-1",
    "extend_claim_terms",
    "remove_expired_claims-1",
    "change_worker_address",
    "confirm_change_worker_address",
    "change_owner_address",
    "change_beneficiary",
    "withdraw_balance",
    "repay_debt",
    "dispute_windowed_post",
    "report_consensus_fault"
  };

  /** The runtime every case runs under. */
  public static final Runtime RUNTIME = StorageRuntime.testnet();

  /** The testnet with optimistic Window PoSt: PoSts accepted unverified, kept for disputes. */
  public static final Runtime OPTIMISTIC =
      StorageRuntime.build(
          StorageRuntime.Configs.testnet()
              .withStorageProvider(
                  StorageProviderConfig.builder()
                      .from(StorageProviderConfig.testnet())
                      .optimisticWindowPoSt(true)
                      .build()),
          "testnet");

  private static final AccountId CLIENT = Keyring.account("alice");
  private static final AccountId SP = Keyring.account("sp-1");
  private static final AccountId VERIFIER = Keyring.account("verifier-1");
  private static final AccountId OTHER = Keyring.account("bob");

  /** The piece size of every case's deals and allocations. */
  private static final long PIECE = 1024;

  /** The case called {@code name}. */
  public static CallWeightCases of(String name) {
    if (name.equals("dispute_windowed_post")) return disputeCase(name);
    Chain chain = network(RUNTIME);
    return switch (name) {
      case "transfer_keep_alive" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(CLIENT),
              new BalancesCall.TransferKeepAlive(SP, Units.TOKEN));
      case "add_balance" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(CLIENT),
              new MarketCall.AddBalance(Units.TOKEN));
      case "publish_storage_deals-1" ->
          new CallWeightCases(
              name, RUNTIME, chain.snapshot(), Origin.signed(SP), publish(chain, 1));
      case "publish_storage_deals-8" ->
          new CallWeightCases(
              name, RUNTIME, chain.snapshot(), Origin.signed(SP), publish(chain, 8));
      case "publish_storage_deals-verified-1" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(SP),
              publish(chain, 1, true, 100, 300));
      case "prove_commit_sectors3-1" -> onboarding(name, chain, 1, false);
      case "prove_commit_sectors3-aggregate-4" -> onboarding(name, chain, 4, true);
      case "prove_replica_updates3" -> replicaUpdate(name, chain);
      case "add_verifier" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.root(),
              new VerifiedRegistryCall.AddVerifier(Keyring.account("verifier-2"), 64 * PIECE));
      case "remove_verifier" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.root(),
              new VerifiedRegistryCall.RemoveVerifier(VERIFIER));
      case "add_verified_client" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(VERIFIER),
              new VerifiedRegistryCall.AddVerifiedClient(OTHER, PIECE));
      case "remove_verified_client_data_cap" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.root(),
              new VerifiedRegistryCall.RemoveVerifiedClientDataCap(CLIENT, PIECE));
      case "allocate_data_cap" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(CLIENT),
              allocate(chain, "allocated", 50, 100, chain.blockNumber() + 100));
      case "remove_expired_allocations-1" -> {
        long id = nextAllocationId(chain);
        require(
            chain.dispatch(CLIENT, allocate(chain, "expiring", 50, 100, chain.blockNumber() + 2)));
        chain.runToBlock(chain.blockNumber() + 3);
        yield new CallWeightCases(
            name,
            RUNTIME,
            chain.snapshot(),
            Origin.signed(SP),
            new VerifiedRegistryCall.RemoveExpiredAllocations(CLIENT, List.of(id)));
      }
      case "extend_claim_terms" -> {
        long claim = claimed(chain);
        long longest =
            RUNTIME.pallet(VerifiedRegistryPallet.class).config().maximumVerifiedAllocationTerm();
        yield new CallWeightCases(
            name,
            RUNTIME,
            chain.snapshot(),
            Origin.signed(CLIENT),
            new VerifiedRegistryCall.ExtendClaimTerms(List.of(new ClaimTerm(SP, claim, longest))));
      }
      case "remove_expired_claims-1" -> {
        long claim = claimed(chain);
        Claim c =
            RUNTIME.pallet(VerifiedRegistryPallet.class).claim(chain.world(), SP, claim).get();
        chain.runToBlock(c.expiration());
        yield new CallWeightCases(
            name,
            RUNTIME,
            chain.snapshot(),
            Origin.signed(CLIENT),
            new VerifiedRegistryCall.RemoveExpiredClaims(SP, List.of(claim)));
      }
      case "pre_commit_sectors" -> {
        ProviderOps ops = new ProviderOps(RUNTIME);
        var info = preCommit(chain, ops);
        yield new CallWeightCases(
            name,
            RUNTIME,
            chain.snapshot(),
            Origin.signed(SP),
            new StorageProviderCall.PreCommitSectors(List.of(info)));
      }
      case "prove_commit_sectors" -> {
        ProviderOps ops = new ProviderOps(RUNTIME);
        var info = preCommit(chain, ops);
        require(chain.dispatch(SP, new StorageProviderCall.PreCommitSectors(List.of(info))));
        chain.runToBlock(ops.firstProvableBlock(chain.world(), SP, 1).get());
        var proof = ops.proveCommit(chain.world(), SP, 1, chain.blockNumber()).get();
        yield new CallWeightCases(
            name,
            RUNTIME,
            chain.snapshot(),
            Origin.signed(SP),
            new StorageProviderCall.ProveCommitSectors(List.of(proof)));
      }
      case "change_worker_address" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(SP),
              new StorageProviderCall.ChangeWorkerAddress(Option.none(), OTHER, List.of(CLIENT)));
      case "confirm_change_worker_address" -> {
        // the provider holds nothing, so no deadline close enacts the change before the call does
        require(
            chain.dispatch(
                SP, new StorageProviderCall.ChangeWorkerAddress(Option.none(), OTHER, List.of())));
        chain.runToBlock(chain.blockNumber() + RUNTIME_SP.config().workerKeyChangeDelay() + 1);
        yield new CallWeightCases(
            name,
            RUNTIME,
            chain.snapshot(),
            Origin.signed(SP),
            new StorageProviderCall.ConfirmChangeWorkerAddress(Option.none()));
      }
      case "change_owner_address" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(SP),
              new StorageProviderCall.ChangeOwnerAddress(Option.none(), OTHER));
      case "change_beneficiary" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(SP),
              new StorageProviderCall.ChangeBeneficiary(
                  Option.none(), OTHER, 10 * Units.TOKEN, chain.blockNumber() + 1_000));
      case "withdraw_balance" -> {
        // paid to a beneficiary other than the owner, which spends its quota
        var change =
            new StorageProviderCall.ChangeBeneficiary(
                Option.some(SP), OTHER, 10 * Units.TOKEN, chain.blockNumber() + 1_000);
        require(chain.dispatch(SP, change));
        // the beneficiary signs its acceptance, so it needs funds for the transaction fee
        require(chain.dispatch(CLIENT, new BalancesCall.TransferKeepAlive(OTHER, Units.TOKEN)));
        require(chain.dispatch(OTHER, change));
        yield new CallWeightCases(
            name,
            RUNTIME,
            chain.snapshot(),
            Origin.signed(SP),
            new StorageProviderCall.WithdrawBalance(Option.none(), Units.TOKEN));
      }
      case "repay_debt" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(SP),
              new StorageProviderCall.RepayDebt(Option.none()));
      case "report_consensus_fault" ->
          new CallWeightCases(
              name,
              RUNTIME,
              chain.snapshot(),
              Origin.signed(CLIENT),
              ProviderOps.doubleFork(SP, "sp-1", chain.blockNumber() - 1));
      default -> throw new IllegalArgumentException("no call weight case " + name);
    };
  }

  /** Dispatches the call on a fork of the state. */
  public DispatchOutcome dispatch() {
    return runtime.resume(state).dispatch(origin, call);
  }

  private static final StorageProviderPallet RUNTIME_SP =
      RUNTIME.pallet(StorageProviderPallet.class);

  /**
   * A dispute of an invalid PoSt: sector 1, holding one deal, proven and its first PoSt submitted
   * with a flipped byte (accepted unverified), its deadline closed, and the client disputing.
   */
  private static CallWeightCases disputeCase(String name) {
    Chain chain = network(OPTIMISTIC);
    ProviderOps ops = new ProviderOps(OPTIMISTIC);
    StorageProviderPallet sp = OPTIMISTIC.pallet(StorageProviderPallet.class);
    var info = preCommit(chain, ops);
    require(chain.dispatch(SP, new StorageProviderCall.PreCommitSectors(List.of(info))));
    chain.runToBlock(ops.firstProvableBlock(chain.world(), SP, 1).get());
    var proof = ops.proveCommit(chain.world(), SP, 1, chain.blockNumber()).get();
    require(chain.dispatch(SP, new StorageProviderCall.ProveCommitSectors(List.of(proof))));
    int deadline = sp.findSector(chain.world(), SP, 1).get().deadline();
    DeadlineInfo dl = sp.deadlineInfo(chain.world(), SP, deadline, chain.blockNumber()).get();
    if (!dl.isOpen()) chain.runToBlock(dl.open());
    var post = ops.windowPost(chain.world(), SP, chain.blockNumber()).get();
    require(
        chain.dispatch(
            SP,
            new StorageProviderCall.SubmitWindowedPost(
                post.deadline(),
                post.partitions(),
                post.proof().withByteFlipped(3),
                post.chainCommitEpoch())));
    chain.runToBlock(
        sp.deadlineInfo(chain.world(), SP, deadline, chain.blockNumber()).get().close());
    return new CallWeightCases(
        name,
        OPTIMISTIC,
        chain.snapshot(),
        Origin.signed(CLIENT),
        new StorageProviderCall.DisputeWindowedPost(SP, deadline, 0));
  }

  /**
   * A chain of {@code runtime} with a registered provider, a client with escrow and 64 pieces'
   * worth of DataCap, and a verifier.
   */
  private static Chain network(Runtime runtime) {
    AccountId collator = Keyring.account("collator-0");
    Chain chain =
        runtime.start(
            StorageRuntime.genesis(42, List.of(collator), Units.TOKEN, 2)
                .balance(CLIENT, 100_000 * Units.TOKEN)
                .balance(VERIFIER, 100 * Units.TOKEN)
                .balance(SP, 100_000 * Units.TOKEN)
                .balance(collator, 10 * Units.TOKEN)
                .config(
                    VerifiedRegistryGenesis.empty()
                        .withVerifier(VERIFIER, 1024 * PIECE)
                        .withDataCap(CLIENT, 64 * PIECE))
                .build());
    require(chain.dispatch(SP, new ProviderOps(runtime).register(SP)));
    require(chain.dispatch(CLIENT, new MarketCall.AddBalance(1_000 * Units.TOKEN)));
    require(chain.dispatch(SP, new MarketCall.AddBalance(1_000 * Units.TOKEN)));
    chain.nextBlock();
    return chain;
  }

  private static MarketCall.PublishStorageDeals publish(Chain chain, int deals) {
    return publish(chain, deals, false, 100, 300);
  }

  /**
   * {@code deals} deals of the client, verified or not, from {@code start} to {@code end} blocks.
   */
  private static MarketCall.PublishStorageDeals publish(
      Chain chain, int deals, boolean verified, long start, long end) {
    List<ClientDealProposal> out = List.empty();
    for (int i = 0; i < deals; i++) {
      DealProposal p =
          new DealProposal(
              Commitments.piece("piece " + i),
              PIECE,
              verified,
              CLIENT,
              SP,
              "piece " + i,
              chain.blockNumber() + start,
              chain.blockNumber() + end,
              1_000_000,
              Units.TOKEN,
              0);
      out = out.append(ClientDealProposal.signedBy(p, "alice"));
    }
    return new MarketCall.PublishStorageDeals(out);
  }

  /**
   * Publishes {@code deals} verified deals (starting in 100 blocks, lasting {@code duration}) and
   * returns their pieces, each claiming its deal's allocation and notifying the market of it.
   */
  private static Seq<PieceActivationManifest> verifiedPieces(
      Chain chain, int deals, long duration) {
    DispatchOutcome published =
        require(chain.dispatch(SP, publish(chain, deals, true, 100, 100 + duration)));
    MarketPallet market = RUNTIME.pallet(MarketPallet.class);
    return published
        .eventsOf(MarketEvent.DealPublished.class)
        .map(
            d ->
                PieceActivationManifest.of(
                        market.proposal(chain.world(), d.dealId()).get().pieceCid(), PIECE)
                    .claiming(
                        new VerifiedAllocationKey(
                            CLIENT, market.dealAllocation(chain.world(), d.dealId()).get()))
                    .forDeal(d.dealId()));
  }

  /**
   * {@code ProveCommitSectors3} of {@code sectors} sectors, each holding one verified deal's piece,
   * with one PoRep each or one aggregate proof.
   */
  private static CallWeightCases onboarding(
      String name, Chain chain, int sectors, boolean aggregate) {
    ProviderOps ops = new ProviderOps(RUNTIME);
    Seq<PieceActivationManifest> pieces = verifiedPieces(chain, sectors, 200);
    long expiration = chain.blockNumber() + 310;
    List<SectorPreCommitInfo> preCommits = List.empty();
    List<SectorActivationManifest> manifests = List.empty();
    for (int i = 0; i < sectors; i++) {
      Seq<PieceActivationManifest> held = List.of(pieces.get(i));
      preCommits =
          preCommits.append(
              ops.preCommitPieces(chain.world(), SP, i + 1, held, expiration, chain.blockNumber()));
      manifests = manifests.append(new SectorActivationManifest(i + 1, held));
    }
    require(chain.dispatch(SP, new StorageProviderCall.PreCommitSectors(preCommits)));
    chain.runToBlock(ops.firstProvableBlock(chain.world(), SP, 1).get());
    var call =
        ops.proveCommitSectors3(chain.world(), SP, manifests, chain.blockNumber(), aggregate).get();
    return new CallWeightCases(name, RUNTIME, chain.snapshot(), Origin.signed(SP), call);
  }

  /**
   * A committed-capacity sector proven and past its first PoSt, then {@code ProveReplicaUpdates3}
   * filling it with a verified deal's piece.
   */
  private static CallWeightCases replicaUpdate(String name, Chain chain) {
    ProviderOps ops = new ProviderOps(RUNTIME);
    var sp = ops.storageProvider();
    long start = chain.blockNumber();
    require(
        chain.dispatch(
            SP,
            new StorageProviderCall.PreCommitSectors(
                List.of(ops.preCommit(chain.world(), SP, 1, List.empty(), start + 590, start)))));
    chain.runToBlock(ops.firstProvableBlock(chain.world(), SP, 1).get());
    var proof = ops.proveCommit(chain.world(), SP, 1, chain.blockNumber()).get();
    require(chain.dispatch(SP, new StorageProviderCall.ProveCommitSectors(List.of(proof))));
    int deadline = sp.findSector(chain.world(), SP, 1).get().deadline();
    var dl = sp.deadlineInfo(chain.world(), SP, deadline, chain.blockNumber()).get();
    if (!dl.isOpen()) chain.runToBlock(dl.open());
    require(chain.dispatch(SP, ops.windowPost(chain.world(), SP, chain.blockNumber()).get()));
    chain.runToBlock(
        sp.deadlineInfo(chain.world(), SP, deadline, chain.blockNumber()).get().close());
    Seq<PieceActivationManifest> pieces = verifiedPieces(chain, 1, 400);
    return new CallWeightCases(
        name,
        RUNTIME,
        chain.snapshot(),
        Origin.signed(SP),
        ops.replicaUpdate(chain.world(), SP, 1, pieces).get());
  }

  /** The client's allocation of one piece for the provider, claimable until {@code expiration}. */
  private static VerifiedRegistryCall.AllocateDataCap allocate(
      Chain chain, String piece, long termMin, long termMax, long expiration) {
    return new VerifiedRegistryCall.AllocateDataCap(
        List.of(
            new VerifiedRegistry.AllocationRequest(
                SP, Commitments.piece(piece), PIECE, termMin, termMax, expiration)),
        List.empty());
  }

  private static long nextAllocationId(Chain chain) {
    return VerifiedRegistryStorage.NEXT_ALLOCATION_ID.get(chain.world());
  }

  /**
   * A claim of the provider: the client allocates a piece with terms of 60 to 100 blocks, the
   * provider proves it in a sector living 94 blocks (direct data onboarding). Returns its id.
   */
  private static long claimed(Chain chain) {
    ProviderOps ops = new ProviderOps(RUNTIME);
    long id = nextAllocationId(chain);
    require(chain.dispatch(CLIENT, allocate(chain, "claimed", 60, 100, chain.blockNumber() + 100)));
    var piece =
        PieceActivationManifest.of(Commitments.piece("claimed"), PIECE)
            .claiming(new VerifiedAllocationKey(CLIENT, id));
    long now = chain.blockNumber();
    require(
        chain.dispatch(
            SP,
            new StorageProviderCall.PreCommitSectors(
                List.of(
                    ops.preCommitPieces(chain.world(), SP, 1, List.of(piece), now + 105, now)))));
    chain.runToBlock(ops.firstProvableBlock(chain.world(), SP, 1).get());
    require(
        chain.dispatch(
            SP,
            ops.proveCommitSectors3(
                    chain.world(),
                    SP,
                    List.of(new SectorActivationManifest(1, List.of(piece))),
                    chain.blockNumber(),
                    false)
                .get()));
    return id;
  }

  /** A pre-commit of sector 1 holding one deal published a block earlier. */
  private static SectorPreCommitInfo preCommit(Chain chain, ProviderOps ops) {
    DispatchOutcome published = require(chain.dispatch(SP, publish(chain, 1)));
    long dealEnd = chain.blockNumber() + 300;
    chain.nextBlock();
    Seq<Long> deals =
        published.eventsOf(MarketEvent.DealPublished.class).map(MarketEvent.DealPublished::dealId);
    long now = chain.blockNumber();
    return ops.preCommit(
        chain.world(), SP, 1, deals, Math.max(dealEnd, ops.minimumExpiration(now)), now);
  }

  private static DispatchOutcome require(DispatchOutcome out) {
    if (!out.isSuccess()) throw new IllegalStateException("setting up: " + out);
    return out;
  }
}
