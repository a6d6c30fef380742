package dev.palletsim.market;

import static dev.palletsim.frame.Ensure.ensure;

import com.github.benmanes.caffeine.cache.Interner;
import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import dev.palletsim.frame.traits.StorageProviderValidation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The storage market (seed 002's StorageMarket actor with seed 004's FIP-0074 and seed 000 steps
 * 1–3): escrow, client-signed deals, activation in sectors, termination, cron and settlement.
 *
 * <p><b>Escrow.</b> Funds live in the pallet account {@link #PALLET_ACCOUNT} ({@code py/mrket}),
 * endowed with the existential deposit at genesis: {@code addBalance} transfers caller → pallet
 * account, withdrawals transfer back keeping the pallet account alive. Slashed provider collateral
 * is burnt from the pallet account (or sent to {@link MarketConfig#treasury()}).
 *
 * <p><b>Who may publish.</b> The deals' provider (seed 002), or, as seed 000's backup path, the
 * client of every deal in the batch, provided each deal also carries the provider's signature over
 * the same canonical encoding: without that consent a client could lock (and, on timeout, have
 * slashed) a provider's collateral. Either way the provider must be registered ({@link
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
 * {@link #settleDealPayments}. Cron runs in {@code onFinalize}; cron, settlement, publication,
 * activation and termination report their deals as work items so block records show their weight.
 */
public final class MarketPallet implements Pallet, Market {
  /** The pallet name, prefix of its storage, errors and events. */
  public static final String NAME = "Market";

  /** The pallet id of the market's account. */
  public static final String PALLET_ID = "py/mrket";

  /** The market's account, holding every escrowed token. */
  public static final AccountId PALLET_ACCOUNT = AccountId.pallet(PALLET_ID);

  private final MarketConfig config;
  private final Supplier<Currency> currency;
  private final Supplier<StorageProviderValidation> providers;
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
    this.escrow = new Escrow(currency, config.treasury());
    this.deals = new DealLifecycle(config, escrow);
    this.signatures = new SignatureVerifier(config.signatureCacheSize());
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The configuration. */
  public MarketConfig config() {
    return config;
  }

  // ================================================================== calls

  void addBalance(Tx tx, Origin origin, long amount) {
    AccountId who = Origin.ensureSigned(origin);
    Ensure.nonNegative(amount, "amount");
    ensure(amount > 0, MarketError.ZeroAmount);
    escrow.deposit(tx, who, amount);
    tx.deposit(new MarketEvent.BalanceAdded(who, amount));
  }

  void withdrawBalance(Tx tx, Origin origin, long amount) {
    AccountId who = Origin.ensureSigned(origin);
    Ensure.nonNegative(amount, "amount");
    if (config.withdrawalDelay() == 0) {
      long paid = escrow.withdraw(tx, who, amount);
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

  void completeWithdrawal(Tx tx, Origin origin) {
    AccountId who = Origin.ensureSigned(origin);
    PendingWithdrawal pending =
        MarketStorage.PENDING_WITHDRAWALS
            .find(tx, who)
            .getOrElseThrow(() -> Ensure.fail(MarketError.NoPendingWithdrawal));
    ensure(tx.blockNumber() >= pending.readyAt(), MarketError.WithdrawalNotReady);
    MarketStorage.PENDING_WITHDRAWALS.remove(tx, who);
    long paid = escrow.withdraw(tx, who, pending.amount());
    tx.deposit(new MarketEvent.BalanceWithdrawn(who, paid));
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
    boolean byProvider = caller.equals(provider);
    ensure(
        byProvider || batch.forAll(d -> d.proposal().client().equals(caller)),
        MarketError.CallerNotProviderOrClient);
    tx.work(NAME, batch.size());

    long now = tx.blockNumber();
    int accepted = 0;
    for (int i = 0; i < batch.size(); i++) {
      ClientDealProposal deal = batch.get(i);
      if (config.publishMode() == PublishMode.AllOrNothing) {
        publishOne(tx, deal, provider, byProvider, now);
        accepted++;
      } else {
        var result = tx.transactional(() -> publishOne(tx, deal, provider, byProvider, now));
        if (result.isRight()) {
          accepted++;
        } else {
          tx.deposit(new MarketEvent.DealRejected(i, result.getLeft()));
        }
      }
    }
    ensure(accepted > 0, MarketError.NoValidDeals);
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
      Tx tx, ClientDealProposal deal, AccountId provider, boolean byProvider, long now) {
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
    Option<MarketError> invalid = ProposalChecks.firstFailure(p, config, now);
    if (invalid.isDefined()) throw Ensure.fail(invalid.get());
    ensure(p.provider().equals(provider), MarketError.MixedProviders);
    ensure(
        !p.verifiedDeal() || config.verifiedClients().contains(p.client()),
        MarketError.ClientNotVerified);

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

    long id = MarketStorage.NEXT_DEAL_ID.get(tx);
    MarketStorage.NEXT_DEAL_ID.put(tx, Checked.add(id, 1));
    DealProposal stored = p.withParties(accounts.intern(p.client()), accounts.intern(p.provider()));
    MarketStorage.PROPOSALS.insert(tx, id, stored);
    MarketStorage.PENDING_PROPOSALS.insert(tx, hash, id);
    DealLifecycle.schedule(tx, p.startBlock(), id);
    tx.deposit(new MarketEvent.DealPublished(id, stored.client(), stored.provider()));
    return id;
  }

  /**
   * Seed 004's {@code SettleDealPayments}, open to any signed account from the FIP-0074 upgrade on
   * ({@link MarketError#SettlementNotEnabled} before it). Ids are settled once each, ascending (a
   * Filecoin bitfield). Per deal: unknown, timed out, terminated or completed deals fail with
   * {@link MarketError#DealNotFound}, and so does a deal past its start that was never activated
   * (cron times it out); a published deal not yet started, or an activated deal not yet started,
   * succeeds with nothing paid and nothing changed; an activated deal is paid {@code price ×
   * blocks} since its last settlement and completed at its end. A deal whose termination the legacy
   * code recorded aborts the whole call ({@link MarketError#TerminatedDealNotSettleable}). The
   * results are emitted as {@link MarketEvent.DealsSettled}.
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
    TreeSet<Long> ids = TreeSet.ofAll(dealIds);
    tx.work(NAME, ids.size());
    for (long id : ids) {
      DealProposal p = MarketStorage.PROPOSALS.get(tx, id);
      if (p == null) {
        failed = failed.append(new SettlementFailure(id, MarketError.DealNotFound));
        continue;
      }
      DealState s = MarketStorage.STATES.get(tx, id);
      if (s == null) {
        if (now < p.startBlock()) {
          settled = settled.append(new DealSettlement(id, 0, false));
        } else {
          failed = failed.append(new SettlementFailure(id, MarketError.DealNotFound));
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

  // ================================================================== hooks

  /** Seed 002's {@code CronTick}, at the blocks {@link MarketConfig#cronRunsAt} selects. */
  @Override
  public void onFinalize(Tx tx) {
    long now = tx.blockNumber();
    if (config.cronRunsAt(now)) deals.cron(tx, now);
  }

  // ================================================================== Market coupling

  @Override
  public Seq<SectorDealInfo> verifyDealsForActivation(
      Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    return checkSectors(tx, provider, sectors).map(CheckedSector::info);
  }

  @Override
  public Seq<SectorDealInfo> activateDeals(Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    Vector<CheckedSector> checked = checkSectors(tx, provider, sectors);
    long now = tx.blockNumber();
    for (CheckedSector c : checked) {
      long sector = c.info().sectorNumber();
      for (int i = 0; i < c.dealIds().size(); i++) {
        long id = c.dealIds().get(i);
        DealProposal p = c.proposals().get(i);
        MarketStorage.STATES.insert(tx, id, DealState.activated(sector, now));
        tx.deposit(new MarketEvent.DealActivated(id, p.client(), p.provider(), sector));
      }
      if (!c.dealIds().isEmpty()) {
        MarketStorage.PROVIDER_SECTORS.insert(tx, provider, sector, DealIds.of(c.dealIds()));
      }
      tx.work(NAME, c.dealIds().size());
    }
    return checked.map(CheckedSector::info);
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
      DealProposal p = MarketStorage.PROPOSALS.get(view, id);
      ensure(p != null, MarketError.DealNotFound);
      pieces = pieces.append(new Commitments.Piece(p.pieceCid(), p.pieceSize()));
    }
    return Commitments.unsealedSector(pieces, sectorSize);
  }

  /** A sector whose deals passed the activation checks. */
  private record CheckedSector(
      SectorDealInfo info, Vector<Long> dealIds, Vector<DealProposal> proposals) {}

  /**
   * Seed 002's {@code validateDealCanActivate} for every deal of every sector, all or nothing: each
   * deal exists, belongs to {@code provider}, appears once across the sectors, is not active, is
   * still pending, has not started ({@code now ≤ start}) and ends by the sector's expiry; each
   * sector appears once, holds no active deals yet, and its pieces fit in it. Weights are {@code
   * duration × piece size}; CommD is computed over the pieces in deal order.
   */
  private Vector<CheckedSector> checkSectors(
      Tx view, AccountId provider, Seq<SectorDeals> sectors) {
    Ensure.present(provider, "provider");
    Ensure.present(sectors, "sectors");
    long now = view.blockNumber();
    Set<Long> seenDeals = new HashSet<>();
    Set<Long> seenSectors = new HashSet<>();
    Vector<CheckedSector> out = Vector.empty();
    for (int s = 0; s < sectors.size(); s++) {
      String at = "sectors[" + s + "]";
      SectorDeals sector = Ensure.present(sectors.get(s), at);
      Seq<Long> ids = Ensure.present(sector.dealIds(), at + ".dealIds");
      ensure(
          sector.sectorSize() > 0,
          DispatchError.badInput(at + ".sectorSize must be positive: " + sector.sectorSize()));
      ensure(seenSectors.add(sector.sectorNumber()), MarketError.DuplicateSector);
      ensure(
          !MarketStorage.PROVIDER_SECTORS.contains(view, provider, sector.sectorNumber()),
          MarketError.SectorAlreadyHasDeals);
      long space = 0;
      long weight = 0;
      long verifiedWeight = 0;
      Vector<Long> dealIds = Vector.empty();
      Vector<DealProposal> proposals = Vector.empty();
      Vector<Commitments.Piece> pieces = Vector.empty();
      for (int i = 0; i < ids.size(); i++) {
        long id = Ensure.present(ids.get(i), at + ".dealIds[" + i + "]");
        ensure(seenDeals.add(id), MarketError.DuplicateDeal);
        DealProposal p = MarketStorage.PROPOSALS.get(view, id);
        ensure(p != null, MarketError.DealNotFound);
        ensure(p.provider().equals(provider), MarketError.NotDealProvider);
        ensure(!MarketStorage.STATES.contains(view, id), MarketError.DealAlreadyActivated);
        ensure(now <= p.startBlock(), MarketError.DealStartPassed);
        ensure(p.endBlock() <= sector.sectorExpiry(), MarketError.DealEndsAfterSectorExpiry);
        ensure(
            MarketStorage.PENDING_PROPOSALS.find(view, p.hash()).contains(id),
            MarketError.DealNotPending);
        space = Checked.add(space, p.pieceSize());
        ensure(space <= sector.sectorSize(), MarketError.DealsExceedSectorSize);
        long w = Checked.mul(p.duration(), p.pieceSize());
        if (p.verifiedDeal()) {
          verifiedWeight = Checked.add(verifiedWeight, w);
        } else {
          weight = Checked.add(weight, w);
        }
        dealIds = dealIds.append(id);
        proposals = proposals.append(p);
        pieces = pieces.append(new Commitments.Piece(p.pieceCid(), p.pieceSize()));
      }
      Cid commD = Commitments.unsealedSector(pieces, sector.sectorSize());
      out =
          out.append(
              new CheckedSector(
                  new SectorDealInfo(sector.sectorNumber(), weight, verifiedWeight, space, commD),
                  dealIds,
                  proposals));
    }
    return out;
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
        MarketCall.SettleDealPayments.class);
  }
}
