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
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.storageprovider.DeadlineInfo;
import dev.palletsim.storageprovider.SectorPreCommitInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderConfig;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The main calls of the storage runtime (testnet preset), each ready to dispatch on a prepared
 * chain: what {@link CallWeightBenchmark} times and {@code tools.CallWeightTable} reports beside
 * each call's declared and metered weight. Each case is a state and a call that succeeds on it, on
 * its most expensive path where the call has several (a worker change that takes effect, a
 * withdrawal paid to a beneficiary other than the owner, a dispute that proves a PoSt invalid);
 * dispatching on a fork of the state ({@code O(1)}) repeats the same work every time. The dispute
 * runs under {@link #OPTIMISTIC}, the testnet with optimistic Window PoSt, which is what makes a
 * PoSt disputable.
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
  private static final AccountId OTHER = Keyring.account("bob");

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

  private static Chain network(Runtime runtime) {
    AccountId collator = Keyring.account("collator-0");
    Chain chain =
        runtime.start(
            StorageRuntime.genesis(42, List.of(collator), Units.TOKEN, 2)
                .balance(CLIENT, 100_000 * Units.TOKEN)
                .balance(SP, 100_000 * Units.TOKEN)
                .balance(collator, 10 * Units.TOKEN)
                .build());
    require(chain.dispatch(SP, new ProviderOps(runtime).register(SP)));
    require(chain.dispatch(CLIENT, new MarketCall.AddBalance(1_000 * Units.TOKEN)));
    require(chain.dispatch(SP, new MarketCall.AddBalance(1_000 * Units.TOKEN)));
    chain.nextBlock();
    return chain;
  }

  private static MarketCall.PublishStorageDeals publish(Chain chain, int deals) {
    List<ClientDealProposal> out = List.empty();
    for (int i = 0; i < deals; i++) {
      DealProposal p =
          new DealProposal(
              Commitments.piece("piece " + i),
              1024,
              false,
              CLIENT,
              SP,
              "piece " + i,
              chain.blockNumber() + 100,
              chain.blockNumber() + 300,
              1_000_000,
              Units.TOKEN,
              0);
      out = out.append(ClientDealProposal.signedBy(p, "alice"));
    }
    return new MarketCall.PublishStorageDeals(out);
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
