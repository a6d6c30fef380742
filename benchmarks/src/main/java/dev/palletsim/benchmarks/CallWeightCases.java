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
import dev.palletsim.storageprovider.PieceActivationManifest;
import dev.palletsim.storageprovider.SectorActivationManifest;
import dev.palletsim.storageprovider.SectorPreCommitInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.VerifiedAllocationKey;
import dev.palletsim.verifiedregistry.ClaimTerm;
import dev.palletsim.verifiedregistry.VerifiedRegistryCall;
import dev.palletsim.verifiedregistry.VerifiedRegistryGenesis;
import dev.palletsim.verifiedregistry.VerifiedRegistryPallet;
import dev.palletsim.verifiedregistry.VerifiedRegistryStorage;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * The main calls of the storage runtime (testnet preset), each ready to dispatch on a prepared
 * chain, among them every call of the data onboarding and verified registry work (issues 12 and
 * 21): what {@link CallWeightBenchmark} times and {@code tools.CallWeightTable} reports beside each
 * call's declared and metered weight. Each case is a state and a call that succeeds on it;
 * dispatching on a fork of the state ({@code O(1)}) repeats the same work every time.
 *
 * @param name the case's name
 * @param state the chain state the call runs on
 * @param origin who makes the call
 * @param call the call
 */
public record CallWeightCases(String name, ChainState state, Origin origin, Call<?> call) {
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
    "remove_expired_claims-1"
  };

  /** The runtime every case runs under. */
  public static final Runtime RUNTIME = StorageRuntime.testnet();

  private static final AccountId CLIENT = Keyring.account("alice");
  private static final AccountId SP = Keyring.account("sp-1");
  private static final AccountId VERIFIER = Keyring.account("verifier-1");

  /** The piece size of every case's deals and allocations. */
  private static final long PIECE = 1024;

  /** The case called {@code name}. */
  public static CallWeightCases of(String name) {
    Chain chain = network();
    return switch (name) {
      case "transfer_keep_alive" ->
          new CallWeightCases(
              name,
              chain.snapshot(),
              Origin.signed(CLIENT),
              new BalancesCall.TransferKeepAlive(SP, Units.TOKEN));
      case "add_balance" ->
          new CallWeightCases(
              name,
              chain.snapshot(),
              Origin.signed(CLIENT),
              new MarketCall.AddBalance(Units.TOKEN));
      case "publish_storage_deals-1" ->
          new CallWeightCases(name, chain.snapshot(), Origin.signed(SP), publish(chain, 1));
      case "publish_storage_deals-8" ->
          new CallWeightCases(name, chain.snapshot(), Origin.signed(SP), publish(chain, 8));
      case "publish_storage_deals-verified-1" ->
          new CallWeightCases(
              name, chain.snapshot(), Origin.signed(SP), publish(chain, 1, true, 100, 300));
      case "prove_commit_sectors3-1" -> onboarding(name, chain, 1, false);
      case "prove_commit_sectors3-aggregate-4" -> onboarding(name, chain, 4, true);
      case "prove_replica_updates3" -> replicaUpdate(name, chain);
      case "add_verifier" ->
          new CallWeightCases(
              name,
              chain.snapshot(),
              Origin.root(),
              new VerifiedRegistryCall.AddVerifier(Keyring.account("verifier-2"), 64 * PIECE));
      case "remove_verifier" ->
          new CallWeightCases(
              name,
              chain.snapshot(),
              Origin.root(),
              new VerifiedRegistryCall.RemoveVerifier(VERIFIER));
      case "add_verified_client" ->
          new CallWeightCases(
              name,
              chain.snapshot(),
              Origin.signed(VERIFIER),
              new VerifiedRegistryCall.AddVerifiedClient(Keyring.account("bob"), PIECE));
      case "remove_verified_client_data_cap" ->
          new CallWeightCases(
              name,
              chain.snapshot(),
              Origin.root(),
              new VerifiedRegistryCall.RemoveVerifiedClientDataCap(CLIENT, PIECE));
      case "allocate_data_cap" ->
          new CallWeightCases(
              name,
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
            chain.snapshot(),
            Origin.signed(CLIENT),
            new VerifiedRegistryCall.RemoveExpiredClaims(SP, List.of(claim)));
      }
      case "pre_commit_sectors" -> {
        ProviderOps ops = new ProviderOps(RUNTIME);
        var info = preCommit(chain, ops);
        yield new CallWeightCases(
            name,
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
            chain.snapshot(),
            Origin.signed(SP),
            new StorageProviderCall.ProveCommitSectors(List.of(proof)));
      }
      default -> throw new IllegalArgumentException("no call weight case " + name);
    };
  }

  /** Dispatches the call on a fork of the state. */
  public DispatchOutcome dispatch() {
    return RUNTIME.resume(state).dispatch(origin, call);
  }

  /**
   * A testnet chain with a registered provider, a client with escrow and 64 pieces' worth of
   * DataCap, and a verifier.
   */
  private static Chain network() {
    AccountId collator = Keyring.account("collator-0");
    Chain chain =
        RUNTIME.start(
            StorageRuntime.genesis(42, List.of(collator), Units.TOKEN, 2)
                .balance(CLIENT, 100_000 * Units.TOKEN)
                .balance(SP, 100_000 * Units.TOKEN)
                .balance(collator, 10 * Units.TOKEN)
                .config(
                    VerifiedRegistryGenesis.empty()
                        .withVerifier(VERIFIER, 1024 * PIECE)
                        .withDataCap(CLIENT, 64 * PIECE))
                .build());
    require(chain.dispatch(SP, new ProviderOps(RUNTIME).register(SP)));
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
    return new CallWeightCases(name, chain.snapshot(), Origin.signed(SP), call);
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
