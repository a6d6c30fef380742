package dev.palletsim.verifiedregistry;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.ALLOCATIONS;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.CLAIMS;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.DATACAP;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.DATACAP_SUPPLY;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.NEXT_ALLOCATION_ID;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.VERIFIERS;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.frame.traits.StorageProviderValidation;
import dev.palletsim.frame.traits.VerifiedRegistry;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The verified registry (builtin-actors' verifreg actor with the datacap token it mints,
 * filecoin-actors.md §1.4, §3.5): Root appoints verifiers with an allowance; verifiers grant
 * DataCap to clients; a client's DataCap is spent on allocations, through the market when it
 * publishes a verified deal or directly ({@code allocateDataCap}) for direct data onboarding; a
 * provider claims an allocation when it proves a sector holding the piece, which burns the DataCap
 * and makes the sector count the piece as verified data (ten times its size in quality-adjusted
 * power); an allocation not claimed by its expiration may be removed by anyone, returning the
 * DataCap to its client; a claim lives until its maximum term and may be extended by its client.
 *
 * <p>It implements {@link VerifiedRegistry} for the market and the storage provider pallet, and
 * asks {@link StorageProviderValidation} whether an allocation's provider is a storage provider
 * (builtin-actors checks that it is a miner actor). DataCap is counted in bytes.
 *
 * <p><b>Departures.</b> Root's {@code RemoveVerifiedClientDataCap} stands for the two verifiers'
 * signed removal requests builtin-actors requires (a parachain's governance origin); DataCap moves
 * only into allocations, never between clients (the datacap token's client-to-client transfers are
 * not modelled); a claim of the allocations that fails with {@code allOrNothing} reports the first
 * failing sector's reason rather than builtin-actors' generic {@code USR_ILLEGAL_ARGUMENT}; a
 * removal of expired allocations or claims naming no id sweeps the account only while it holds at
 * most {@code maxItemsPerCall} entries, the bound its declared weight covers.
 */
@PalletName("VerifiedRegistry")
public final class VerifiedRegistryPallet implements Pallet, VerifiedRegistry {
  /**
   * The name VerifiedRegistryPallet declares with {@link PalletName}: its storage prefix, for work
   * records.
   */
  public static final String NAME = Pallet.nameOf(VerifiedRegistryPallet.class);

  private final VerifiedRegistryConfig config;
  private final Couplings couplings;

  /** The registry with {@code config}, finding the provider registry in {@code couplings}. */
  public VerifiedRegistryPallet(VerifiedRegistryConfig config, Couplings couplings) {
    this.config = Objects.requireNonNull(config, "config");
    this.couplings = Objects.requireNonNull(couplings, "couplings");
  }

  /** The configuration. */
  @Override
  public VerifiedRegistryConfig config() {
    return config;
  }

  // ================================================================== calls

  void addVerifier(Tx tx, Origin origin, AccountId verifier, long allowance) {
    Origin.ensureRoot(origin);
    Ensure.present(verifier, "verifier");
    Ensure.nonNegative(allowance, "allowance");
    ensure(
        allowance >= config.minimumVerifiedAllocationSize(),
        VerifiedRegistryError.AllowanceBelowMinimum);
    ensure(DATACAP.get(tx, verifier) == 0, VerifiedRegistryError.VerifiedClientCannotBeVerifier);
    VERIFIERS.insert(tx, verifier, allowance);
    tx.deposit(new VerifiedRegistryEvent.VerifierAllowanceSet(verifier, allowance));
  }

  void removeVerifier(Tx tx, Origin origin, AccountId verifier) {
    Origin.ensureRoot(origin);
    Ensure.present(verifier, "verifier");
    ensure(VERIFIERS.contains(tx, verifier), VerifiedRegistryError.UnknownVerifier);
    VERIFIERS.remove(tx, verifier);
    tx.deposit(new VerifiedRegistryEvent.VerifierRemoved(verifier));
  }

  void addVerifiedClient(Tx tx, Origin origin, AccountId client, long allowance) {
    Option<AccountId> verifier =
        origin instanceof Origin.Root ? Option.none() : Option.some(Origin.ensureSigned(origin));
    Ensure.present(client, "client");
    Ensure.nonNegative(allowance, "allowance");
    ensure(
        allowance >= config.minimumVerifiedAllocationSize(),
        VerifiedRegistryError.AllowanceBelowMinimum);
    if (verifier.isDefined()) {
      Long cap = VERIFIERS.find(tx, verifier.get()).getOrNull();
      ensure(cap != null, VerifiedRegistryError.CallerNotVerifier);
      ensure(!VERIFIERS.contains(tx, client), VerifiedRegistryError.VerifierCannotBeClient);
      ensure(cap >= allowance, VerifiedRegistryError.AllowanceExceedsVerifierCap);
      VERIFIERS.insert(tx, verifier.get(), cap - allowance);
      tx.deposit(new VerifiedRegistryEvent.VerifierAllowanceSet(verifier.get(), cap - allowance));
    } else {
      ensure(!VERIFIERS.contains(tx, client), VerifiedRegistryError.VerifierCannotBeClient);
    }
    mint(tx, client, allowance);
    tx.deposit(new VerifiedRegistryEvent.DataCapGranted(verifier, client, allowance));
  }

  void removeVerifiedClientDataCap(Tx tx, Origin origin, AccountId client, long amount) {
    Origin.ensureRoot(origin);
    Ensure.present(client, "client");
    Ensure.nonNegative(amount, "amount");
    long removed = Math.min(DATACAP.get(tx, client), amount);
    if (removed > 0) {
      debit(tx, client, removed);
      DATACAP_SUPPLY.put(tx, Checked.sub(DATACAP_SUPPLY.get(tx), removed));
    }
    tx.deposit(new VerifiedRegistryEvent.DataCapRemoved(client, removed));
  }

  void allocateDataCap(
      Tx tx,
      Origin origin,
      Seq<AllocationRequest> allocations,
      Seq<ClaimExtensionRequest> extensions) {
    AccountId client = Origin.ensureSigned(origin);
    Ensure.present(allocations, "allocations");
    Ensure.present(extensions, "extensions");
    ensure(!allocations.isEmpty() || !extensions.isEmpty(), VerifiedRegistryError.EmptyRequest);
    ensure(
        allocations.size() + (long) extensions.size() <= config.maxItemsPerCall(),
        VerifiedRegistryError.TooManyItems);
    for (int i = 0; i < extensions.size(); i++) {
      ClaimExtensionRequest e = Ensure.present(extensions.get(i), "extensions[" + i + "]");
      Ensure.present(e.provider(), "extensions[" + i + "].provider");
    }
    long now = tx.blockNumber();
    // validate both parts before anything moves, as the receiver hook does
    long extensionTotal = 0;
    Vector<Tuple2<Long, Claim>> updated = Vector.empty();
    for (ClaimExtensionRequest e : extensions) {
      Claim claim =
          CLAIMS
              .find(tx, e.provider(), e.claimId())
              .getOrElseThrow(() -> Ensure.fail(VerifiedRegistryError.ClaimNotFound));
      validateClaimExtension(e, claim, now);
      updated = updated.append(new Tuple2<>(e.claimId(), claim.withTermMax(e.termMax())));
      extensionTotal = Checked.add(extensionTotal, claim.size());
    }
    long allocationTotal = requireAllocatable(tx, allocations, now);
    long total = Checked.add(allocationTotal, extensionTotal);
    ensure(DATACAP.get(tx, client) >= total, VerifiedRegistryError.InsufficientDataCap);
    // the DataCap spent on extensions is burnt; that spent on allocations waits for a claim
    debit(tx, client, total);
    DATACAP_SUPPLY.put(tx, Checked.sub(DATACAP_SUPPLY.get(tx), extensionTotal));
    createAllocations(tx, client, allocations);
    for (Tuple2<Long, Claim> u : updated) {
      CLAIMS.insert(tx, u._2.provider(), u._1, u._2);
      tx.deposit(new VerifiedRegistryEvent.ClaimUpdated(u._1, u._2));
    }
  }

  void removeExpiredAllocations(Tx tx, Origin origin, AccountId client, Seq<Long> ids) {
    Origin.ensureSigned(origin);
    Ensure.present(client, "client");
    requireIds(ids);
    long now = tx.blockNumber();
    Vector<Long> removed = Vector.empty();
    Vector<ItemFailure> failures = Vector.empty();
    long recovered = 0;
    if (ids.isEmpty()) {
      ensure(
          ALLOCATIONS.countOf(tx, client) <= config.maxItemsPerCall(),
          VerifiedRegistryError.TooManyItems);
      for (var e : ALLOCATIONS.entriesOf(tx, client)) {
        if (now >= e._2.expiration()) removed = removed.append(e._1);
      }
    } else {
      for (long id : ids) {
        Option<Allocation> a = ALLOCATIONS.find(tx, client, id);
        if (a.isEmpty()) {
          failures = failures.append(new ItemFailure(id, VerifiedRegistryError.AllocationNotFound));
        } else if (now < a.get().expiration()) {
          failures =
              failures.append(new ItemFailure(id, VerifiedRegistryError.AllocationNotExpired));
        } else if (!removed.contains(id)) {
          removed = removed.append(id);
        }
      }
    }
    for (long id : removed) recovered = Checked.add(recovered, returnAllocation(tx, client, id));
    tx.work(NAME, Math.max(ids.size(), removed.size()));
    tx.deposit(
        new VerifiedRegistryEvent.ExpiredAllocationsRemoved(client, removed, failures, recovered));
  }

  void extendClaimTerms(Tx tx, Origin origin, Seq<ClaimTerm> terms) {
    AccountId caller = Origin.ensureSigned(origin);
    Ensure.present(terms, "terms");
    ensure(!terms.isEmpty(), VerifiedRegistryError.EmptyRequest);
    ensure(terms.size() <= config.maxItemsPerCall(), VerifiedRegistryError.TooManyItems);
    for (int i = 0; i < terms.size(); i++) {
      ClaimTerm t = Ensure.present(terms.get(i), "terms[" + i + "]");
      Ensure.present(t.provider(), "terms[" + i + "].provider");
    }
    Vector<Long> extended = Vector.empty();
    Vector<ItemFailure> failures = Vector.empty();
    for (ClaimTerm t : terms) {
      if (t.termMax() > config.maximumVerifiedAllocationTerm()) {
        failures =
            failures.append(new ItemFailure(t.claimId(), VerifiedRegistryError.ClaimTermTooLong));
        continue;
      }
      Option<Claim> found = CLAIMS.find(tx, t.provider(), t.claimId());
      VerifiedRegistryError error =
          found.isEmpty()
              ? VerifiedRegistryError.ClaimNotFound
              : !found.get().client().equals(caller)
                  ? VerifiedRegistryError.NotClaimClient
                  : t.termMax() < found.get().termMax()
                      ? VerifiedRegistryError.ClaimTermNotExtended
                      : null;
      if (error != null) {
        failures = failures.append(new ItemFailure(t.claimId(), error));
        continue;
      }
      Claim next = found.get().withTermMax(t.termMax());
      CLAIMS.insert(tx, t.provider(), t.claimId(), next);
      tx.deposit(new VerifiedRegistryEvent.ClaimUpdated(t.claimId(), next));
      extended = extended.append(t.claimId());
    }
    tx.work(NAME, terms.size());
    tx.deposit(new VerifiedRegistryEvent.ClaimTermsExtended(extended, failures));
  }

  void removeExpiredClaims(Tx tx, Origin origin, AccountId provider, Seq<Long> ids) {
    Origin.ensureSigned(origin);
    Ensure.present(provider, "provider");
    requireIds(ids);
    long now = tx.blockNumber();
    Vector<Long> removed = Vector.empty();
    Vector<ItemFailure> failures = Vector.empty();
    if (ids.isEmpty()) {
      ensure(
          CLAIMS.countOf(tx, provider) <= config.maxItemsPerCall(),
          VerifiedRegistryError.TooManyItems);
      for (var e : CLAIMS.entriesOf(tx, provider)) {
        if (now >= e._2.expiration()) removed = removed.append(e._1);
      }
    } else {
      for (long id : ids) {
        Option<Claim> c = CLAIMS.find(tx, provider, id);
        if (c.isEmpty()) {
          failures = failures.append(new ItemFailure(id, VerifiedRegistryError.ClaimNotFound));
        } else if (now < c.get().expiration()) {
          failures = failures.append(new ItemFailure(id, VerifiedRegistryError.ClaimNotExpired));
        } else if (!removed.contains(id)) {
          removed = removed.append(id);
        }
      }
    }
    for (long id : removed) {
      Claim c = CLAIMS.take(tx, provider, id).get();
      tx.deposit(new VerifiedRegistryEvent.ClaimRemoved(id, c));
    }
    tx.work(NAME, Math.max(ids.size(), removed.size()));
    tx.deposit(new VerifiedRegistryEvent.ExpiredClaimsRemoved(provider, removed, failures));
  }

  private void requireIds(Seq<Long> ids) {
    Ensure.present(ids, "ids");
    ensure(ids.size() <= config.maxItemsPerCall(), VerifiedRegistryError.TooManyItems);
    for (int i = 0; i < ids.size(); i++) Ensure.present(ids.get(i), "ids[" + i + "]");
  }

  // ================================================================== VerifiedRegistry coupling

  @Override
  public long dataCapBalance(StateView view, AccountId client) {
    return client == null ? 0 : DATACAP.get(view, client);
  }

  @Override
  public AllocationTerms allocationTerms() {
    return new AllocationTerms(
        config.minimumVerifiedAllocationTerm(),
        config.maximumVerifiedAllocationTerm(),
        config.maximumVerifiedAllocationExpiration());
  }

  @Override
  public Seq<Long> allocate(Tx tx, AccountId client, Seq<AllocationRequest> requests) {
    Ensure.present(client, "client");
    Ensure.present(requests, "requests");
    if (requests.isEmpty()) return List.empty();
    long total = requireAllocatable(tx, requests, tx.blockNumber());
    ensure(DATACAP.get(tx, client) >= total, VerifiedRegistryError.InsufficientDataCap);
    debit(tx, client, total);
    return createAllocations(tx, client, requests);
  }

  /**
   * Claims sector by sector (builtin-actors' {@code claim_allocations}): a sector's claims are
   * checked before any is made, so a sector claims all its allocations or none; the DataCap of
   * every claimed allocation is burnt at the end.
   */
  @Override
  public ClaimResults claimAllocations(
      Tx tx, AccountId provider, Seq<SectorAllocationClaims> sectors, boolean allOrNothing) {
    Ensure.present(provider, "provider");
    Ensure.present(sectors, "sectors");
    ensure(!sectors.isEmpty(), VerifiedRegistryError.EmptyRequest);
    for (int i = 0; i < sectors.size(); i++) {
      SectorAllocationClaims s = Ensure.present(sectors.get(i), "sectors[" + i + "]");
      Ensure.present(s.claims(), "sectors[" + i + "].claims");
      for (int j = 0; j < s.claims().size(); j++) {
        AllocationClaim c =
            Ensure.present(s.claims().get(j), "sectors[" + i + "].claims[" + j + "]");
        Ensure.present(c.client(), "claim client");
        Ensure.present(c.data(), "claim data");
      }
    }
    long now = tx.blockNumber();
    long burnt = 0;
    Vector<Either<DispatchError, Long>> out = Vector.empty();
    for (SectorAllocationClaims sector : sectors) {
      DispatchError failure = null;
      Vector<Tuple2<Long, Claim>> made = Vector.empty();
      for (AllocationClaim c : sector.claims()) {
        Option<Allocation> alloc = ALLOCATIONS.find(tx, c.client(), c.allocationId());
        if (alloc.isEmpty()) {
          failure = DispatchError.module(VerifiedRegistryError.AllocationNotFound);
          break;
        }
        if (!canClaim(c, provider, alloc.get(), now, sector.expiry())) {
          failure = DispatchError.module(VerifiedRegistryError.CannotClaimAllocation);
          break;
        }
        Allocation a = alloc.get();
        made =
            made.append(
                new Tuple2<>(
                    c.allocationId(),
                    new Claim(
                        provider,
                        a.client(),
                        a.data(),
                        a.size(),
                        a.termMin(),
                        a.termMax(),
                        now,
                        sector.sector())));
      }
      if (failure != null) {
        if (allOrNothing) throw Ensure.fail(failure);
        out = out.append(Either.left(failure));
        continue;
      }
      long claimed = 0;
      for (Tuple2<Long, Claim> m : made) {
        ensure(!CLAIMS.contains(tx, provider, m._1), VerifiedRegistryError.DuplicateClaim);
        CLAIMS.insert(tx, provider, m._1, m._2);
        ALLOCATIONS.remove(tx, m._2.client(), m._1);
        tx.deposit(new VerifiedRegistryEvent.ClaimCreated(m._1, m._2));
        claimed = Checked.add(claimed, m._2.size());
      }
      burnt = Checked.add(burnt, claimed);
      out = out.append(Either.right(claimed));
      tx.work(NAME, sector.claims().size());
    }
    if (burnt > 0) DATACAP_SUPPLY.put(tx, Checked.sub(DATACAP_SUPPLY.get(tx), burnt));
    return new ClaimResults(out);
  }

  @Override
  public Option<Allocation> allocation(StateView view, AccountId client, long id) {
    return client == null ? Option.none() : ALLOCATIONS.find(view, client, id);
  }

  @Override
  public Option<Claim> claim(StateView view, AccountId provider, long id) {
    return provider == null ? Option.none() : CLAIMS.find(view, provider, id);
  }

  @Override
  public boolean removeExpiredAllocation(Tx tx, AccountId client, long id) {
    Ensure.present(client, "client");
    Option<Allocation> a = ALLOCATIONS.find(tx, client, id);
    if (a.isEmpty() || tx.blockNumber() < a.get().expiration()) return false;
    returnAllocation(tx, client, id);
    return true;
  }

  // ================================================================== internals

  /**
   * builtin-actors' {@code can_claim_alloc}: the claim names the allocation's provider, client,
   * piece and size, comes no later than its expiration, and the sector's remaining life lies within
   * its terms.
   */
  private static boolean canClaim(
      AllocationClaim c, AccountId provider, Allocation a, long now, long sectorExpiry) {
    long lifetime = sectorExpiry - now;
    return provider.equals(a.provider())
        && c.client().equals(a.client())
        && c.data().equals(a.data())
        && c.size() == a.size()
        && now <= a.expiration()
        && lifetime >= a.termMin()
        && lifetime <= a.termMax();
  }

  /**
   * Validates each request ({@code validate_new_allocation} and {@code check_miner_id}) and returns
   * the DataCap they take.
   */
  private long requireAllocatable(StateView view, Seq<AllocationRequest> requests, long now) {
    Option<StorageProviderValidation> providers = couplings.find(StorageProviderValidation.class);
    long total = 0;
    for (int i = 0; i < requests.size(); i++) {
      AllocationRequest r = Ensure.present(requests.get(i), "allocations[" + i + "]");
      Ensure.present(r.provider(), "allocations[" + i + "].provider");
      Ensure.present(r.data(), "allocations[" + i + "].data");
      ensure(
          r.size() >= config.minimumVerifiedAllocationSize(),
          VerifiedRegistryError.AllocationTooSmall);
      ensure(
          r.termMin() >= config.minimumVerifiedAllocationTerm(),
          VerifiedRegistryError.TermMinTooShort);
      ensure(
          r.termMax() <= config.maximumVerifiedAllocationTerm(),
          VerifiedRegistryError.TermMaxTooLong);
      ensure(r.termMin() <= r.termMax(), VerifiedRegistryError.TermMinExceedsTermMax);
      ensure(r.expiration() >= now, VerifiedRegistryError.ExpirationPassed);
      ensure(
          r.expiration() <= Checked.add(now, config.maximumVerifiedAllocationExpiration()),
          VerifiedRegistryError.ExpirationTooFar);
      ensure(
          providers.exists(p -> p.isRegisteredStorageProvider(view, r.provider())),
          VerifiedRegistryError.ProviderNotRegistered);
      total = Checked.add(total, r.size());
    }
    return total;
  }

  /** Stores {@code requests} as allocations of {@code client} with consecutive ids. */
  private Seq<Long> createAllocations(Tx tx, AccountId client, Seq<AllocationRequest> requests) {
    long id = NEXT_ALLOCATION_ID.get(tx);
    Vector<Long> ids = Vector.empty();
    for (AllocationRequest r : requests) {
      Allocation a =
          new Allocation(
              client, r.provider(), r.data(), r.size(), r.termMin(), r.termMax(), r.expiration());
      ALLOCATIONS.insert(tx, client, id, a);
      tx.deposit(new VerifiedRegistryEvent.AllocationCreated(id, a));
      ids = ids.append(id);
      id = Checked.add(id, 1);
    }
    NEXT_ALLOCATION_ID.put(tx, id);
    tx.work(NAME, requests.size());
    return ids;
  }

  /**
   * builtin-actors' {@code validate_claim_extension}: the new term is within the policy's maximum
   * from now, longer than the current one, and the claim has not expired.
   */
  private void validateClaimExtension(ClaimExtensionRequest e, Claim claim, long now) {
    long limit = Checked.add(now, config.maximumVerifiedAllocationTerm()) - claim.termStart();
    ensure(e.termMax() <= limit, VerifiedRegistryError.ClaimTermTooLong);
    ensure(e.termMax() > claim.termMax(), VerifiedRegistryError.ClaimTermNotExtended);
    ensure(now <= claim.expiration(), VerifiedRegistryError.ClaimExpired);
  }

  /** Removes allocation {@code id} and returns its DataCap to {@code client}; returns the size. */
  private static long returnAllocation(Tx tx, AccountId client, long id) {
    Allocation a = ALLOCATIONS.take(tx, client, id).get();
    credit(tx, client, a.size());
    tx.deposit(new VerifiedRegistryEvent.AllocationRemoved(id, a));
    return a.size();
  }

  private static void mint(Tx tx, AccountId client, long amount) {
    credit(tx, client, amount);
    DATACAP_SUPPLY.put(tx, Checked.add(DATACAP_SUPPLY.get(tx), amount));
  }

  private static void credit(Tx tx, AccountId who, long amount) {
    if (amount == 0) return;
    DATACAP.insert(tx, who, Checked.add(DATACAP.get(tx, who), amount));
  }

  private static void debit(Tx tx, AccountId who, long amount) {
    if (amount == 0) return;
    long left = Checked.sub(DATACAP.get(tx, who), amount);
    if (left == 0) {
      DATACAP.remove(tx, who);
    } else {
      DATACAP.insert(tx, who, left);
    }
  }

  // ================================================================== genesis and wiring

  @Override
  public void buildGenesis(Tx tx, Genesis genesis) {
    VerifiedRegistryGenesis g =
        genesis.config(VerifiedRegistryGenesis.class).getOrElse(VerifiedRegistryGenesis.empty());
    Set<AccountId> verifiers = new HashSet<>();
    for (var v : g.verifiers()) {
      requireGenesis(v._2 >= 0, "verifier " + v._1 + " has a negative allowance");
      VERIFIERS.insert(tx, v._1, v._2);
      verifiers.add(v._1);
    }
    for (var c : g.dataCap()) {
      requireGenesis(c._2 >= 0, "client " + c._1 + " has negative DataCap");
      requireGenesis(!verifiers.contains(c._1), c._1 + " cannot be a verifier and a client");
      mint(tx, c._1, c._2);
    }
  }

  private static void requireGenesis(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("VerifiedRegistryGenesis: " + message);
  }

  /** The DataCap of every client holding some, by account. */
  public Seq<Tuple2<AccountId, Long>> dataCapBalances(StateView view) {
    return DATACAP.entries(view);
  }

  /** The verifiers and their remaining allowances. */
  public Seq<Tuple2<AccountId, Long>> verifiers(StateView view) {
    return VERIFIERS.entries(view);
  }

  /** {@code client}'s allocations, by id. */
  public Seq<Tuple2<Long, Allocation>> allocationsOf(StateView view, AccountId client) {
    return client == null ? List.empty() : ALLOCATIONS.entriesOf(view, client);
  }

  /** {@code provider}'s claims, by id. */
  public Seq<Tuple2<Long, Claim>> claimsOf(StateView view, AccountId provider) {
    return provider == null ? List.empty() : CLAIMS.entriesOf(view, provider);
  }

  /** The ids of {@code provider}'s claims naming {@code sector}. */
  public TreeSet<Long> claimsInSector(StateView view, AccountId provider, long sector) {
    return TreeSet.ofAll(
        claimsOf(view, provider).filter(c -> c._2.sector() == sector).map(Tuple2::_1));
  }

  /** Every DataCap unit in balances or allocations. */
  public long dataCapSupply(StateView view) {
    return DATACAP_SUPPLY.get(view);
  }

  @Override
  public Seq<Invariant> invariants() {
    return VerifiedRegistryInvariants.all(config);
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(
        VerifiedRegistryCall.AddVerifier.class,
        VerifiedRegistryCall.RemoveVerifier.class,
        VerifiedRegistryCall.AddVerifiedClient.class,
        VerifiedRegistryCall.RemoveVerifiedClientDataCap.class,
        VerifiedRegistryCall.AllocateDataCap.class,
        VerifiedRegistryCall.RemoveExpiredAllocations.class,
        VerifiedRegistryCall.ExtendClaimTerms.class,
        VerifiedRegistryCall.RemoveExpiredClaims.class);
  }
}
