package dev.palletsim.market;

import static dev.palletsim.frame.Ensure.ensure;

import com.github.benmanes.caffeine.cache.Interner;
import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.ActivatedDeal;
import dev.palletsim.frame.traits.BatchActivation;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.DealIdPayload;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.ProviderAddresses;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import dev.palletsim.frame.traits.StorageProviderValidation;
import dev.palletsim.frame.traits.VerifiedRegistry;
import dev.palletsim.frame.traits.VerifiedRegistry.AllocationRequest;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The storage market (seed 002's StorageMarket actor with seed 004's FIP-0074 and seed 000 steps
 * 1–3): escrow, client-signed deals, activation in sectors, termination, cron and settlement.
 *
 * <p><b>Escrow.</b> Funds live in the pallet account {@link #PALLET_ACCOUNT} ({@code py/mrket}),
 * endowed with the existential deposit at genesis: {@code addBalance} transfers caller → pallet
 * account into anyone's escrow, withdrawals transfer back keeping the pallet account alive. A
 * provider's escrow is withdrawn by its owner or worker and paid to its owner, any other account's
 * by itself (builtin-actors' {@code escrow_address}). Slashed provider collateral is burnt from the
 * pallet account (or sent to {@link MarketConfig#treasury()}).
 *
 * <p><b>Who may publish.</b> The deals' provider (seed 002) through its owner, worker or a control
 * address (builtin-actors asks the miner whether the caller is a controlling address; {@link
 * StorageProviderValidation#isControllingAddress}), or, as seed 000's backup path, the client of
 * every deal in the batch, provided each deal also carries the provider's signature over the same
 * canonical encoding: without that consent a client could lock (and, on timeout, have slashed) a
 * provider's collateral. Either way the provider must be registered ({@link
 * StorageProviderValidation}).
 *
 * <p><b>Batches.</b> Deals are checked and applied in order, so funds are checked against running
 * totals within the batch, and of two deals competing for the same funds only the first clears
 * (seed 000). {@link PublishMode#AllOrNothing} (seed 002) fails the call on the first invalid deal;
 * {@link PublishMode#FilterInvalid} (Filecoin) drops invalid deals, reports them, and fails only if
 * none is valid.
 *
 * <p><b>Withdrawal delay</b> (seed 000: "WithdrawBalance should take at least X Epoch"). With a
 * delay X &gt; 0, {@code withdrawBalance} only records a request; {@code completeWithdrawal} pays
 * out from X blocks later, at most what is then available. Until then the funds stay available, so
 * deals the account signed earlier still clear: a provider that saw no withdrawal request in the
 * last X blocks (seed 000 step 2) has X blocks to publish before the funds can leave.
 *
 * <p><b>Regimes.</b> See {@link MarketConfig#fip0074ActivationBlock()}, {@link DealLifecycle} and
 * {@link #settleDealPayments}. Cron runs in {@code onFinalize} (or on Root's {@code CronTick});
 * cron, settlement, publication, activation and termination report their deals as work items so
 * block records show their weight.
 *
 * <p><b>builtin-actors.</b> Under {@link MarketConfig#filecoin()} the market behaves as
 * builtin-actors' market actor (v18): deal ops spread by id, per-sector activation, settlement
 * timing out missed activations, errors with builtin-actors' exit codes 17, 32 and 33, and the deal
 * getters ({@link #dealProposal}, {@link #dealActivation}, {@link #dealSector});
 * docs/filecoin-parity.md lists the ported tests.
 */
@PalletName("Market")
public final class MarketPallet implements Pallet, Market {
  /**
   * The name MarketPallet declares with {@link PalletName}: its storage prefix, for work records.
   */
  public static final String NAME = Pallet.nameOf(MarketPallet.class);

  /** The pallet id of the market's account. */
  public static final String PALLET_ID = "py/mrket";

  /** The market's account, holding every escrowed token. */
  public static final AccountId PALLET_ACCOUNT = AccountId.pallet(PALLET_ID);

  private final MarketConfig config;
  private final Supplier<Currency> currency;
  private final Supplier<StorageProviderValidation> providers;
  private final Supplier<NetworkEconomics> economics;
  private final Supplier<Option<VerifiedRegistry>> registry;
  private final Escrow escrow;
  private final DealLifecycle deals;
  private final SignatureVerifier signatures;
  private final Interner<AccountId> accounts = Interner.newWeakInterner();

  /**
   * The market with {@code config}, reaching Balances and the provider registry through {@code
   * couplings}.
   */
  public MarketPallet(MarketConfig config, Couplings couplings) {
    this.config = config;
    this.currency = couplings.lazy(Currency.class);
    this.providers = couplings.lazy(StorageProviderValidation.class);
    this.economics = couplings.lazy(NetworkEconomics.class);
    this.registry = () -> couplings.find(VerifiedRegistry.class);
    this.escrow = new Escrow(currency, config.treasury());
    this.deals = new DealLifecycle(config, escrow, registry);
    this.signatures = new SignatureVerifier(config.signatureCacheSize());
  }

  /** The configuration. */
  public MarketConfig config() {
    return config;
  }

  // ================================================================== calls

  void addBalance(Tx tx, Origin origin, long amount, Option<AccountId> providerOrClient) {
    AccountId payer = Origin.ensureSigned(origin);
    Ensure.nonNegative(amount, "amount");
    ensure(amount > 0, MarketError.ZeroAmount);
    AccountId who = nominal(payer, providerOrClient);
    escrow.deposit(tx, payer, who, amount);
    tx.deposit(new MarketEvent.BalanceAdded(who, amount));
  }

  void withdrawBalance(Tx tx, Origin origin, long amount, Option<AccountId> providerOrClient) {
    AccountId caller = Origin.ensureSigned(origin);
    Ensure.nonNegative(amount, "amount");
    AccountId who = nominal(caller, providerOrClient);
    AccountId recipient = authorizedRecipient(tx, caller, who);
    if (config.withdrawalDelay() == 0) {
      long paid = escrow.withdraw(tx, who, recipient, amount);
      tx.deposit(new MarketEvent.BalanceWithdrawn(who, paid));
      return;
    }
    ensure(
        !MarketStorage.PENDING_WITHDRAWALS.contains(tx, who), MarketError.WithdrawalAlreadyPending);
    long now = tx.blockNumber();
    long readyAt = DealPayments.saturatingAdd(now, config.withdrawalDelay());
    MarketStorage.PENDING_WITHDRAWALS.insert(tx, who, new PendingWithdrawal(amount, now, readyAt));
    tx.deposit(new MarketEvent.WithdrawalRequested(who, amount, readyAt));
  }

  void completeWithdrawal(Tx tx, Origin origin, Option<AccountId> providerOrClient) {
    AccountId caller = Origin.ensureSigned(origin);
    AccountId who = nominal(caller, providerOrClient);
    AccountId recipient = authorizedRecipient(tx, caller, who);
    PendingWithdrawal pending =
        MarketStorage.PENDING_WITHDRAWALS
            .find(tx, who)
            .getOrElseThrow(() -> Ensure.fail(MarketError.NoPendingWithdrawal));
    ensure(tx.blockNumber() >= pending.readyAt(), MarketError.WithdrawalNotReady);
    MarketStorage.PENDING_WITHDRAWALS.remove(tx, who);
    long paid = escrow.withdraw(tx, who, recipient, pending.amount());
    tx.deposit(new MarketEvent.BalanceWithdrawn(who, paid));
  }

  /** The escrow account a call names: {@code providerOrClient}, else the caller's own. */
  private static AccountId nominal(AccountId caller, Option<AccountId> providerOrClient) {
    Ensure.present(providerOrClient, "provider_or_client");
    return providerOrClient.isDefined()
        ? Ensure.present(providerOrClient.get(), "provider_or_client")
        : caller;
  }

  /**
   * Who a withdrawal from {@code who}'s escrow pays, after checking that {@code caller} may make it
   * (builtin-actors' {@code escrow_address}): a provider's owner or worker, paying its owner
   * ({@link MarketError#NotProviderOwnerOrWorker}); any other account itself ({@link
   * MarketError#NotEscrowHolder}).
   */
  private AccountId authorizedRecipient(Tx tx, AccountId caller, AccountId who) {
    Option<ProviderAddresses> provider = providers.get().controlAddresses(tx, who);
    if (provider.isDefined()) {
      ensure(provider.get().isOwnerOrWorker(caller), MarketError.NotProviderOwnerOrWorker);
      return provider.get().owner();
    }
    ensure(caller.equals(who), MarketError.NotEscrowHolder);
    return who;
  }

  void publishStorageDeals(Tx tx, Origin origin, Seq<ClientDealProposal> batch) {
    AccountId caller = Origin.ensureSigned(origin);
    Ensure.present(batch, "deals");
    ensure(!batch.isEmpty(), MarketError.EmptyBatch);
    ensure(batch.size() <= config.maxDealsPerPublish(), MarketError.BatchTooLarge);
    for (int i = 0; i < batch.size(); i++) requireWellFormed(batch.get(i), i);
    AccountId provider = batch.head().proposal().provider();
    ensure(
        providers.get().isRegisteredStorageProvider(tx, provider),
        MarketError.ProviderNotRegistered);
    // the provider publishes through its owner, worker or a control address (builtin-actors'
    // IsControllingAddress); a client of every deal may publish with the provider's signature
    boolean byProvider = providers.get().isControllingAddress(tx, provider, caller);
    ensure(
        byProvider || batch.forAll(d -> d.proposal().client().equals(caller)),
        MarketError.CallerNotProviderOrClient);
    tx.work(NAME, batch.size());

    long now = tx.blockNumber();
    var inputs = economics.get().inputs(tx);
    DataCapSpending spending = new DataCapSpending(tx);
    int accepted = 0;
    for (int i = 0; i < batch.size(); i++) {
      ClientDealProposal deal = batch.get(i);
      long id;
      if (config.publishMode() == PublishMode.AllOrNothing) {
        id = publishOne(tx, deal, provider, byProvider, now, inputs, spending);
      } else {
        var result =
            tx.transactional(
                () -> publishOne(tx, deal, provider, byProvider, now, inputs, spending));
        if (result.isLeft()) {
          tx.deposit(new MarketEvent.DealRejected(i, result.getLeft()));
          continue;
        }
        id = result.get();
      }
      accepted++;
      if (deal.proposal().verifiedDeal()) spending.spend(id, deal.proposal(), now);
    }
    ensure(accepted > 0, MarketError.NoValidDeals);
    spending.allocate();
  }

  /**
   * The DataCap the verified deals of one {@code publishStorageDeals} spend, per client (builtin-
   * actors' {@code client_datacap_remaining} and {@code client_alloc_reqs}): each client's balance
   * is read once and every accepted verified deal takes its piece size from it; after the batch,
   * each client's allocations are made in one transfer, clients in the order of their first
   * verified deal (builtin-actors orders them by actor id, which accounts here do not have), and
   * every verified deal records its allocation id.
   */
  private final class DataCapSpending {
    private final Tx tx;
    private final Map<AccountId, Long> left = new LinkedHashMap<>();
    private final Map<AccountId, Vector<Long>> deals = new LinkedHashMap<>();
    private final Map<AccountId, Vector<AllocationRequest>> requests = new LinkedHashMap<>();

    DataCapSpending(Tx tx) {
      this.tx = tx;
    }

    /** The client's DataCap not yet spent in this batch. */
    long remaining(AccountId client) {
      return left.computeIfAbsent(
          client, c -> registry.get().map(r -> r.dataCapBalance(tx, c)).getOrElse(0L));
    }

    /** Deal {@code id} (verified, accepted) spends its piece size. */
    void spend(long id, DealProposal p, long now) {
      left.put(p.client(), remaining(p.client()) - p.pieceSize());
      deals.merge(p.client(), Vector.of(id), Vector::appendAll);
      requests.merge(p.client(), Vector.of(allocationRequest(p, now)), Vector::appendAll);
    }

    void allocate() {
      for (var e : requests.entrySet()) {
        Seq<Long> ids = registry.get().get().allocate(tx, e.getKey(), e.getValue());
        Vector<Long> dealIds = deals.get(e.getKey());
        if (ids.size() != dealIds.size()) {
          throw new IllegalStateException(
              "the registry made " + ids.size() + " allocations for " + dealIds.size() + " deals");
        }
        for (int i = 0; i < ids.size(); i++) {
          MarketStorage.PENDING_DEAL_ALLOCATIONS.insert(tx, dealIds.get(i), ids.get(i));
        }
      }
    }
  }

  /**
   * builtin-actors' {@code alloc_request_for_deal}: the deal's piece for its provider, a minimum
   * term of the deal's duration, a maximum term {@link MarketConfig#allocationTermBuffer()} longer
   * (at most the registry's maximum term), expiring at the deal's start or the registry's maximum
   * expiration from now, whichever is sooner.
   */
  private AllocationRequest allocationRequest(DealProposal p, long now) {
    VerifiedRegistry.AllocationTerms terms = registry.get().get().allocationTerms();
    long termMin = p.duration();
    long termMax =
        Math.min(Checked.add(termMin, config.allocationTermBuffer()), terms.maximumTerm());
    long expiration = Math.min(p.startBlock(), Checked.add(now, terms.maximumExpiration()));
    return new AllocationRequest(
        p.provider(), p.pieceCid(), p.pieceSize(), termMin, termMax, expiration);
  }

  private static void requireWellFormed(ClientDealProposal d, int i) {
    String at = "deals[" + i + "]";
    Ensure.present(d, at);
    DealProposal p = Ensure.present(d.proposal(), at + ".proposal");
    Ensure.present(d.clientSignature(), at + ".clientSignature");
    Ensure.present(d.providerSignature(), at + ".providerSignature");
    if (d.providerSignature().isDefined()) {
      Ensure.present(d.providerSignature().get(), at + ".providerSignature");
    }
    Ensure.present(p.pieceCid(), at + ".proposal.pieceCid");
    Ensure.present(p.client(), at + ".proposal.client");
    Ensure.present(p.provider(), at + ".proposal.provider");
    Ensure.present(p.label(), at + ".proposal.label");
  }

  /** Validates one deal against the state so far and applies it; returns its id. */
  private long publishOne(
      Tx tx,
      ClientDealProposal deal,
      AccountId provider,
      boolean byProvider,
      long now,
      NetworkInputs inputs,
      DataCapSpending spending) {
    DealProposal p = deal.proposal();
    ensure(ProposalChecks.isWellFormed(p.label()), MarketError.InvalidLabel);
    byte[] encoding = p.encode();
    H256 hash = DealProposal.hashOf(encoding);
    ensure(
        signatures.verify(p.client(), hash, encoding, deal.clientSignature()),
        MarketError.InvalidClientSignature);
    if (!byProvider || deal.providerSignature().isDefined()) {
      ensure(
          deal.providerSignature().exists(s -> signatures.verify(p.provider(), hash, encoding, s)),
          MarketError.InvalidProviderSignature);
    }
    Option<MarketError> invalid =
        ProposalChecks.firstFailure(
            p, config, now, size -> config.minProviderCollateral(size, inputs));
    if (invalid.isDefined()) throw Ensure.fail(invalid.get());
    ensure(p.provider().equals(provider), MarketError.MixedProviders);

    long fee = p.totalStorageFee();
    Escrow.lock(
        tx,
        p.client(),
        p.clientCollateral(),
        LockReason.ClientCollateral,
        MarketError.InsufficientClientFunds);
    Escrow.lock(
        tx, p.client(), fee, LockReason.ClientStorageFee, MarketError.InsufficientClientFunds);
    Escrow.lock(
        tx,
        p.provider(),
        p.providerCollateral(),
        LockReason.ProviderCollateral,
        MarketError.InsufficientProviderFunds);
    ensure(!MarketStorage.PENDING_PROPOSALS.contains(tx, hash), MarketError.DuplicateProposal);
    ensure(
        !p.verifiedDeal() || spending.remaining(p.client()) >= p.pieceSize(),
        MarketError.InsufficientDataCap);

    long id = MarketStorage.NEXT_DEAL_ID.get(tx);
    MarketStorage.NEXT_DEAL_ID.put(tx, Checked.add(id, 1));
    DealProposal stored = p.withParties(accounts.intern(p.client()), accounts.intern(p.provider()));
    MarketStorage.PROPOSALS.insert(tx, id, stored);
    MarketStorage.PENDING_PROPOSALS.insert(tx, hash, id);
    DealLifecycle.schedule(tx, config.firstUpdateBlock(id, p.startBlock()), id);
    tx.deposit(new MarketEvent.DealPublished(id, stored.client(), stored.provider()));
    return id;
  }

  /**
   * Seed 004's {@code SettleDealPayments} (builtin-actors' {@code settle_deal_payments}), open to
   * any signed account from the FIP-0074 upgrade on ({@link MarketError#SettlementNotEnabled}
   * before it). Ids are settled once each, ascending (a Filecoin bitfield). Per deal: an id without
   * a proposal (never published, or timed out, terminated or completed) fails with {@link
   * MarketError#DealExpired}, as in builtin-actors; a published deal not yet started succeeds with
   * nothing paid; a deal never activated, at or after its start, is timed out on the spot (provider
   * collateral slashed, client refunded, deal removed) and fails with {@link
   * MarketError#DealExpired}; an activated deal is paid {@code price × blocks} since its last
   * settlement and completed at its end. A deal whose termination the legacy code recorded aborts
   * the whole call ({@link MarketError#TerminatedDealNotSettleable}). The results are emitted as
   * {@link MarketEvent.DealsSettled}.
   */
  void settleDealPayments(Tx tx, Origin origin, Seq<Long> dealIds) {
    Origin.ensureSigned(origin);
    Ensure.present(dealIds, "dealIds");
    for (int i = 0; i < dealIds.size(); i++) Ensure.present(dealIds.get(i), "dealIds[" + i + "]");
    ensure(!dealIds.isEmpty(), MarketError.EmptyBatch);
    ensure(dealIds.size() <= config.maxDealsPerSettlement(), MarketError.BatchTooLarge);
    long now = tx.blockNumber();
    ensure(config.regimeAt(now) == Regime.Fip0074, MarketError.SettlementNotEnabled);

    Vector<DealSettlement> settled = Vector.empty();
    Vector<SettlementFailure> failed = Vector.empty();
    DealIds ids = DealIds.of(dealIds);
    tx.work(NAME, ids.size());
    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      DealProposal p = MarketStorage.PROPOSALS.get(tx, id);
      if (p == null) {
        failed = failed.append(new SettlementFailure(id, MarketError.DealExpired));
        continue;
      }
      DealState s = MarketStorage.STATES.get(tx, id);
      if (s == null) {
        if (now < p.startBlock()) {
          settled = settled.append(new DealSettlement(id, 0, false));
        } else {
          deals.timeOut(tx, id, p);
          failed = failed.append(new SettlementFailure(id, MarketError.DealExpired));
        }
        continue;
      }
      ensure(!s.isSlashed(), MarketError.TerminatedDealNotSettleable);
      var u = deals.settle(tx, id, p, s, now, false);
      settled =
          settled.append(
              new DealSettlement(id, u.payment(), u.outcome() == DealLifecycle.Outcome.Completed));
    }
    tx.deposit(new MarketEvent.DealsSettled(settled, failed));
  }

  void cronTick(Tx tx, Origin origin) {
    Origin.ensureRoot(origin);
    deals.cron(tx, tx.blockNumber());
  }

  /** See {@link MarketCall.ForceLegacyDeal}. */
  void forceLegacyDeal(Tx tx, Origin origin, long id, long updateBlock) {
    Origin.ensureRoot(origin);
    long now = tx.blockNumber();
    ensure(
        updateBlock >= now && updateBlock > MarketStorage.LAST_CRON.get(tx),
        DispatchError.badInput("updateBlock must be a block cron has not yet run: " + updateBlock));
    DealProposal p = proposalOrFail(tx, id);
    DealState s = MarketStorage.STATES.get(tx, id);
    ensure(s != null, MarketError.DealNotActivated);
    ensure(!s.isSlashed(), MarketError.DealExpired);
    ensure(!s.cronManaged(), MarketError.DealAlreadyCronManaged);
    long lastUpdated =
        s.lastUpdatedBlock() != DealState.UNDEFINED
            ? s.lastUpdatedBlock()
            : Math.min(p.startBlock(), now);
    DealLifecycle.clearPending(tx, id, p);
    MarketStorage.STATES.insert(tx, id, s.settledAt(lastUpdated).managedByCron());
    for (var e : MarketStorage.DEAL_OPS_BY_BLOCK.entries(tx)) {
      if (!e._2.contains(id)) continue;
      DealIds rest = e._2.without(id);
      if (rest.isEmpty()) {
        MarketStorage.DEAL_OPS_BY_BLOCK.remove(tx, e._1);
      } else {
        MarketStorage.DEAL_OPS_BY_BLOCK.insert(tx, e._1, rest);
      }
    }
    DealLifecycle.schedule(tx, updateBlock, id);
    tx.deposit(new MarketEvent.LegacyDealForced(id, lastUpdated, updateBlock));
  }

  // ================================================================== hooks

  /** Seed 002's {@code CronTick}, at the blocks {@link MarketConfig#cronRunsAt} selects. */
  @Override
  public void onFinalize(Tx tx) {
    long now = tx.blockNumber();
    if (config.cronRunsAt(now)) deals.cron(tx, now);
  }

  // ================================================================== Market coupling

  /**
   * Seed 002's {@code VerifyDealsForActivation} with builtin-actors' checks, all or nothing: for
   * each sector, its deals appear once in it ({@link MarketError#DuplicateDeal}), exist ({@link
   * MarketError#DealNotFound}, or {@link MarketError#DealExpired} once cleaned up), belong to
   * {@code provider}, have not started ({@link MarketError#DealExpired}), end by the sector's
   * expiry and fit in the sector. Weights are {@code duration × piece size}; CommD is computed over
   * the pieces in deal order.
   */
  @Override
  public Seq<SectorDealInfo> verifyDealsForActivation(
      Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    Ensure.present(provider, "provider");
    Ensure.present(sectors, "sectors");
    Vector<SectorDealInfo> out = Vector.empty();
    for (int i = 0; i < sectors.size(); i++) {
      SectorDeals sector = requireWellFormed(sectors.get(i), "sectors[" + i + "]");
      Vector<ActivatedDeal> deals = Vector.empty();
      Set<Long> seen = new HashSet<>();
      for (Long id : sector.dealIds()) {
        ensure(seen.add(id), MarketError.DuplicateDeal);
        DealProposal p = proposalOrFail(tx, id);
        canActivate(p, provider, sector.sectorExpiry(), tx.blockNumber());
        deals = deals.append(activated(id, p, pendingAllocation(tx, id)));
      }
      out = out.append(sectorInfo(sector, deals));
    }
    return out;
  }

  /**
   * Seed 002's {@code ActivateDeals}: {@link #batchActivateDeals}, failing the call with the first
   * failing sector's error unless every sector activates.
   */
  @Override
  public Seq<SectorDealInfo> activateDeals(Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    BatchActivation results = batchActivateDeals(tx, provider, sectors);
    for (var r : results.sectors()) {
      if (r.isLeft()) throw Ensure.fail(r.getLeft());
    }
    return results.sectors().map(Either::get);
  }

  /**
   * builtin-actors' {@code BatchActivateDeals}: sector by sector, each all or nothing and
   * independent of the others. A sector fails if a deal appears twice in it or was activated by an
   * earlier sector of the batch ({@link MarketError#DuplicateDeal}), or if a deal does not exist
   * ({@link MarketError#DealNotFound}; {@link MarketError#DealExpired} once cleaned up), belongs to
   * another provider, has started ({@link MarketError#DealExpired}), ends after the sector expires,
   * is already active, is not pending, or if its deals do not fit in the sector. An activated deal
   * gets its state (sector, activation block) and joins the sector's deal ids, kept sorted (deals
   * may be added to a sector that already has some, as builtin-actors allows).
   */
  @Override
  public BatchActivation batchActivateDeals(Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    Ensure.present(provider, "provider");
    Ensure.present(sectors, "sectors");
    Vector<SectorDeals> asked = Vector.empty();
    for (int i = 0; i < sectors.size(); i++) {
      asked = asked.append(requireWellFormed(sectors.get(i), "sectors[" + i + "]"));
    }
    long now = tx.blockNumber();
    Set<Long> activated = new HashSet<>();
    Vector<Either<DispatchError, SectorDealInfo>> out = Vector.empty();
    for (SectorDeals sector : asked) {
      var result = tx.transactional(() -> activateSector(tx, provider, sector, now, activated));
      if (result.isRight()) sector.dealIds().forEach(activated::add);
      out = out.append(result);
    }
    return new BatchActivation(out);
  }

  private SectorDealInfo activateSector(
      Tx tx, AccountId provider, SectorDeals sector, long now, Set<Long> activatedInBatch) {
    ensure(
        sector.dealIds().distinct().size() == sector.dealIds().size(), MarketError.DuplicateDeal);
    Vector<DealProposal> proposals = Vector.empty();
    for (long id : sector.dealIds()) {
      ensure(!activatedInBatch.contains(id), MarketError.DuplicateDeal);
      proposals = proposals.append(preactivate(tx, id, provider, sector.sectorExpiry(), now));
    }
    Vector<ActivatedDeal> deals = Vector.empty();
    for (int i = 0; i < proposals.size(); i++) {
      long id = sector.dealIds().get(i);
      long allocation =
          MarketStorage.PENDING_DEAL_ALLOCATIONS
              .take(tx, id)
              .getOrElse(VerifiedRegistry.NO_ALLOCATION_ID);
      deals = deals.append(activated(id, proposals.get(i), allocation));
    }
    SectorDealInfo info = sectorInfo(sector, deals);
    recordActivation(tx, provider, sector.sectorNumber(), sector.dealIds(), proposals, now);
    return info;
  }

  /**
   * builtin-actors' {@code preactivate_deal}: deal {@code id} exists ({@link
   * MarketError#DealNotFound}, {@link MarketError#DealExpired} once cleaned up), may be activated
   * by {@code provider} in a sector committed until {@code sectorExpiry} now, is not yet active and
   * is pending ({@link MarketError#DealNotPending}). Returns its proposal.
   */
  private static DealProposal preactivate(
      StateView view, long id, AccountId provider, long sectorExpiry, long now) {
    DealProposal p = proposalOrFail(view, id);
    canActivate(p, provider, sectorExpiry, now);
    ensure(!MarketStorage.STATES.contains(view, id), MarketError.DealAlreadyActivated);
    ensure(
        MarketStorage.PENDING_PROPOSALS.find(view, p.hash()).contains(id),
        MarketError.DealNotPending);
    return p;
  }

  /**
   * Gives the deals their state (activated in {@code sector} now) and adds them to the sector's
   * deal ids, kept sorted (deals may join a sector that already has some, as builtin-actors
   * allows).
   */
  private static void recordActivation(
      Tx tx,
      AccountId provider,
      long sector,
      Seq<Long> dealIds,
      Seq<DealProposal> proposals,
      long now) {
    for (int i = 0; i < proposals.size(); i++) {
      long id = dealIds.get(i);
      DealProposal p = proposals.get(i);
      MarketStorage.STATES.insert(tx, id, DealState.activated(sector, now));
      tx.deposit(new MarketEvent.DealActivated(id, p.client(), p.provider(), sector));
    }
    if (!proposals.isEmpty()) {
      DealIds added = DealIds.of(dealIds);
      MarketStorage.PROVIDER_SECTORS.mutate(
          tx, provider, sector, ids -> ids == null ? added : ids.union(added));
    }
    tx.work(NAME, proposals.size());
  }

  /**
   * builtin-actors' {@code SectorContentChanged}: piece by piece, each accepted or rejected on its
   * own ({@link MarketEvent.PieceRejected} with the reason). A piece is accepted when its payload
   * names a deal ({@link DealIdPayload}; else {@link MarketError#InvalidDealPayload}) not yet
   * activated in this call ({@link MarketError#DuplicateDeal}) that passes {@code preactivate_deal}
   * with the sector's minimum commitment epoch as its expiry, and whose piece CID and size are the
   * piece's ({@link MarketError#PieceMismatch}); the deal is then activated in the sector and its
   * pending allocation id dropped (the provider claims the allocation itself). A sector named twice
   * gathers the deals of both entries.
   */
  @Override
  public Market.SectorContentChangedReturn sectorContentChanged(
      Tx tx, AccountId provider, Seq<Market.SectorChanges> sectors) {
    Ensure.present(provider, "provider");
    Ensure.present(sectors, "sectors");
    for (int i = 0; i < sectors.size(); i++) {
      Market.SectorChanges c = Ensure.present(sectors.get(i), "sectors[" + i + "]");
      Seq<Market.PieceChange> added = Ensure.present(c.added(), "sectors[" + i + "].added");
      for (int j = 0; j < added.size(); j++) {
        Market.PieceChange piece =
            Ensure.present(added.get(j), "sectors[" + i + "].added[" + j + "]");
        Ensure.present(piece.data(), "piece data");
        Ensure.present(piece.payload(), "piece payload");
      }
    }
    long now = tx.blockNumber();
    Set<Long> activatedInCall = new HashSet<>();
    Vector<Vector<Boolean>> out = Vector.empty();
    for (Market.SectorChanges sector : sectors) {
      Vector<Boolean> accepted = Vector.empty();
      Vector<Long> ids = Vector.empty();
      Vector<DealProposal> proposals = Vector.empty();
      for (int j = 0; j < sector.added().size(); j++) {
        Market.PieceChange piece = sector.added().get(j);
        var result =
            tx.transactional(
                () -> {
                  long id =
                      DealIdPayload.decode(piece.payload())
                          .getOrElseThrow(() -> Ensure.fail(MarketError.InvalidDealPayload));
                  ensure(!activatedInCall.contains(id), MarketError.DuplicateDeal);
                  DealProposal p =
                      preactivate(tx, id, provider, sector.minimumCommitmentEpoch(), now);
                  ensure(
                      piece.data().equals(p.pieceCid()) && piece.size() == p.pieceSize(),
                      MarketError.PieceMismatch);
                  return new io.vavr.Tuple2<>(id, p);
                });
        if (result.isLeft()) {
          tx.deposit(new MarketEvent.PieceRejected(provider, sector.sector(), j, result.getLeft()));
          accepted = accepted.append(false);
          continue;
        }
        long id = result.get()._1;
        activatedInCall.add(id);
        MarketStorage.PENDING_DEAL_ALLOCATIONS.remove(tx, id);
        ids = ids.append(id);
        proposals = proposals.append(result.get()._2);
        accepted = accepted.append(true);
      }
      recordActivation(tx, provider, sector.sector(), ids, proposals, now);
      out = out.append(accepted);
    }
    return new Market.SectorContentChangedReturn(out);
  }

  @Override
  public void onSectorsTerminate(Tx tx, AccountId provider, Seq<Long> sectorNumbers) {
    Ensure.present(provider, "provider");
    Ensure.present(sectorNumbers, "sectorNumbers");
    long now = tx.blockNumber();
    Regime regime = config.regimeAt(now);
    for (int i = 0; i < sectorNumbers.size(); i++) {
      Long sector = Ensure.present(sectorNumbers.get(i), "sectorNumbers[" + i + "]");
      var ids = MarketStorage.PROVIDER_SECTORS.take(tx, provider, sector);
      if (ids.isEmpty()) continue;
      DealIds dealIds = ids.get();
      tx.work(NAME, dealIds.size());
      for (int j = 0; j < dealIds.size(); j++) {
        deals.terminate(tx, provider, dealIds.get(j), now, regime);
      }
    }
  }

  @Override
  public Cid computeDataCommitment(StateView view, Seq<Long> dealIds, long sectorSize) {
    Ensure.present(dealIds, "dealIds");
    ensure(sectorSize > 0, DispatchError.badInput("sectorSize must be positive: " + sectorSize));
    Vector<Commitments.Piece> pieces = Vector.empty();
    for (int i = 0; i < dealIds.size(); i++) {
      Long id = Ensure.present(dealIds.get(i), "dealIds[" + i + "]");
      DealProposal p = proposalOrFail(view, id);
      pieces = pieces.append(new Commitments.Piece(p.pieceCid(), p.pieceSize()));
    }
    return Commitments.unsealedSector(pieces, sectorSize);
  }

  private static SectorDeals requireWellFormed(SectorDeals sector, String at) {
    Ensure.present(sector, at);
    Seq<Long> ids = Ensure.present(sector.dealIds(), at + ".dealIds");
    for (int i = 0; i < ids.size(); i++) Ensure.present(ids.get(i), at + ".dealIds[" + i + "]");
    ensure(
        sector.sectorSize() > 0,
        DispatchError.badInput(at + ".sectorSize must be positive: " + sector.sectorSize()));
    return sector;
  }

  /**
   * builtin-actors' {@code validate_deal_can_activate}: the deal is {@code provider}'s, has not
   * started, and ends by the sector's expiry.
   */
  private static void canActivate(DealProposal p, AccountId provider, long sectorExpiry, long now) {
    ensure(p.provider().equals(provider), MarketError.NotDealProvider);
    ensure(now <= p.startBlock(), MarketError.DealExpired);
    ensure(p.endBlock() <= sectorExpiry, MarketError.DealEndsAfterSectorExpiry);
  }

  /** What the provider pallet learns of an activated deal. */
  private static ActivatedDeal activated(long id, DealProposal p, long allocationId) {
    return new ActivatedDeal(id, p.client(), allocationId, p.pieceCid(), p.pieceSize());
  }

  /** The allocation pending deal {@code id} made, if any. */
  private static long pendingAllocation(StateView view, long id) {
    return MarketStorage.PENDING_DEAL_ALLOCATIONS
        .find(view, id)
        .getOrElse(VerifiedRegistry.NO_ALLOCATION_ID);
  }

  /** The space and CommD of a sector's deals, which must fit in it. */
  private static SectorDealInfo sectorInfo(SectorDeals sector, Vector<ActivatedDeal> deals) {
    long space = 0;
    Vector<Commitments.Piece> pieces = Vector.empty();
    for (ActivatedDeal d : deals) {
      space = Checked.add(space, d.size());
      pieces = pieces.append(new Commitments.Piece(d.data(), d.size()));
    }
    ensure(space <= sector.sectorSize(), MarketError.DealsExceedSectorSize);
    Cid commD = Commitments.unsealedSector(pieces, sector.sectorSize());
    return new SectorDealInfo(sector.sectorNumber(), space, commD, deals);
  }

  /**
   * Deal {@code id}'s proposal, or builtin-actors' {@code get_proposal} failure: {@link
   * MarketError#DealNotFound} for an id never published, {@link MarketError#DealExpired} for one
   * cleaned up since.
   */
  private static DealProposal proposalOrFail(StateView view, long id) {
    DealProposal p = MarketStorage.PROPOSALS.get(view, id);
    if (p == null) throw Ensure.fail(missingDeal(view, id));
    return p;
  }

  private static MarketError missingDeal(StateView view, long id) {
    return id >= 0 && id < MarketStorage.NEXT_DEAL_ID.get(view)
        ? MarketError.DealExpired
        : MarketError.DealNotFound;
  }

  // ================================================================== queries

  /** {@code who}'s escrow (locked and available), planck. */
  public long escrowBalance(StateView view, AccountId who) {
    return Escrow.balance(view, who);
  }

  /** The locked part of {@code who}'s escrow, planck. */
  public long lockedBalance(StateView view, AccountId who) {
    return Escrow.locked(view, who);
  }

  /** What {@code who} could withdraw now, planck. */
  public long availableBalance(StateView view, AccountId who) {
    return Escrow.available(view, who);
  }

  /** The proposal of deal {@code id}, while the deal exists. */
  public Option<DealProposal> proposal(StateView view, long id) {
    return MarketStorage.PROPOSALS.find(view, id);
  }

  /** The state of deal {@code id}, once activated and until removed. */
  public Option<DealState> dealState(StateView view, long id) {
    return MarketStorage.STATES.find(view, id);
  }

  /**
   * The DataCap allocation verified deal {@code id} holds until it is activated (builtin-actors'
   * {@code GetDealAllocation}): the id the provider claims; none for an unverified or activated
   * deal.
   */
  public Option<Long> dealAllocation(StateView view, long id) {
    return MarketStorage.PENDING_DEAL_ALLOCATIONS.find(view, id);
  }

  /**
   * The lowest provider collateral for a piece of {@code pieceSize} bytes now, planck, under the
   * configured rule and the network inputs in {@code view} ({@link
   * MarketConfig#minProviderCollateral}); {@link Long#MAX_VALUE} when no {@code long} reaches it.
   */
  public long minProviderCollateral(StateView view, long pieceSize) {
    BigInteger min = config.minProviderCollateral(pieceSize, economics.get().inputs(view));
    return min.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }

  /**
   * builtin-actors' deal getters ({@code GetDealDataCommitment}, {@code GetDealTerm} …): the
   * proposal of deal {@code id}, or {@link MarketError#DealNotFound} for an id never published and
   * {@link MarketError#DealExpired} for a deal cleaned up since.
   */
  public Either<MarketError, DealProposal> dealProposal(StateView view, long id) {
    return MarketStorage.PROPOSALS.find(view, id).toEither(() -> missingDeal(view, id));
  }

  /**
   * builtin-actors' {@code GetDealActivation}: the block deal {@code id} was activated and the
   * block it was terminated, each {@link DealState#UNDEFINED} if it has not happened; {@link
   * MarketError#DealExpired} for a deal cleaned up or whose termination the legacy code recorded,
   * {@link MarketError#DealNotFound} for an id never published.
   */
  public Either<MarketError, DealActivation> dealActivation(StateView view, long id) {
    DealState s = MarketStorage.STATES.get(view, id);
    if (s != null) {
      return s.isSlashed()
          ? Either.left(MarketError.DealExpired)
          : Either.right(new DealActivation(s.sectorStartBlock(), DealState.UNDEFINED));
    }
    return dealProposal(view, id)
        .map(p -> new DealActivation(DealState.UNDEFINED, DealState.UNDEFINED));
  }

  /**
   * builtin-actors' {@code GetDealSector}: the sector holding deal {@code id}; {@link
   * MarketError#DealNotActivated} while it is published but not activated, {@link
   * MarketError#DealExpired} once cleaned up (or terminated under the legacy code), {@link
   * MarketError#DealNotFound} for an id never published.
   */
  public Either<MarketError, Long> dealSector(StateView view, long id) {
    DealState s = MarketStorage.STATES.get(view, id);
    if (s != null) {
      return s.isSlashed() ? Either.left(MarketError.DealExpired) : Either.right(s.sectorNumber());
    }
    return dealProposal(view, id)
        .flatMap(p -> Either.<MarketError, Long>left(MarketError.DealNotActivated));
  }

  /**
   * Checks the signatures of deals about to be published, ahead of their block and on all cores
   * (the transaction pool's signature check: Ed25519 verification is pure work, about 0.1 ms of CPU
   * each, and publishing 10^7 deals verifies 10^7 signatures). Each deal's client signature, and
   * its provider signature if it carries one, is verified in parallel on the calling thread's
   * fork-join pool (the common pool unless called from another), and the results wait for {@code
   * publishStorageDeals}, which takes them instead of verifying on the chain's thread. Outcomes do
   * not change: a result is the same pure function of (signer, encoding, signature) either way, a
   * bad signature is refused as before, and a deal not checked ahead (or whose result was not kept:
   * at most {@link MarketConfig#signatureCacheSize()} wait) is verified in its block as usual.
   * Malformed deals (missing parts) are skipped here and refused by the call.
   */
  public void preverifySignatures(Collection<ClientDealProposal> deals) {
    deals.parallelStream()
        .forEach(
            d -> {
              if (d == null || d.proposal() == null || d.clientSignature() == null) return;
              DealProposal p = d.proposal();
              if (p.client() == null || p.provider() == null || p.pieceCid() == null) return;
              if (p.label() == null || !ProposalChecks.isWellFormed(p.label())) return;
              byte[] encoding = p.encode();
              H256 hash = DealProposal.hashOf(encoding);
              signatures.preverify(p.client(), hash, encoding, d.clientSignature());
              if (d.providerSignature() != null && d.providerSignature().isDefined()) {
                Signature s = d.providerSignature().get();
                if (s != null) signatures.preverify(p.provider(), hash, encoding, s);
              }
            });
  }

  /** The signature cache (for tests and metrics). */
  SignatureVerifier signatures() {
    return signatures;
  }

  // ================================================================== runtime wiring

  @Override
  public Seq<AccountId> palletAccounts() {
    return config.treasury().isPresent()
        ? List.of(PALLET_ACCOUNT, config.treasury().get())
        : List.of(PALLET_ACCOUNT);
  }

  @Override
  public Seq<Invariant> invariants() {
    return MarketInvariants.all(config, currency);
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(
        MarketCall.AddBalance.class,
        MarketCall.WithdrawBalance.class,
        MarketCall.CompleteWithdrawal.class,
        MarketCall.PublishStorageDeals.class,
        MarketCall.SettleDealPayments.class,
        MarketCall.CronTick.class,
        MarketCall.ForceLegacyDeal.class);
  }
}
