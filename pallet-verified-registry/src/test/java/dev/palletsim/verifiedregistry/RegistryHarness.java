package dev.palletsim.verifiedregistry;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.frame.traits.StorageProviderValidation;
import dev.palletsim.frame.traits.VerifiedRegistry.AllocationClaim;
import dev.palletsim.frame.traits.VerifiedRegistry.AllocationRequest;
import dev.palletsim.frame.traits.VerifiedRegistry.ClaimResults;
import dev.palletsim.frame.traits.VerifiedRegistry.SectorAllocationClaims;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * builtin-actors' verifreg test harness ({@code actors/verifreg/tests/harness/mod.rs}) over the
 * verified registry pallet under {@link VerifiedRegistryConfig#filecoin()}: accounts stand for
 * actor ids ({@link #actor}), the miners are registered storage providers, epoch {@code e} is block
 * {@link #T0} {@code + e} (a chain's first blocks precede epoch 0), and {@code rt.replace_state} is
 * a restored snapshot. Allocations and claims a Rust test writes into state are written by {@link
 * RegistryDriver}; the provider claims through it too.
 */
final class RegistryHarness {
  /** The block of builtin-actors' epoch 0. */
  static final long T0 = 10;

  /** The account standing for builtin-actors' actor {@code id}. */
  static AccountId actor(long id) {
    return Keyring.account("f0" + id);
  }

  static final AccountId VERIFIER = actor(201);
  static final AccountId VERIFIER2 = actor(202);
  static final AccountId CLIENT = actor(401);
  static final AccountId CLIENT2 = actor(402);
  static final AccountId CLIENT3 = actor(403);
  static final AccountId CLIENT4 = actor(404);

  /** The allocations and claims tests' clients and providers. */
  static final AccountId CLIENT1_ID = actor(101);

  static final AccountId CLIENT2_ID = actor(102);
  static final AccountId PROVIDER1 = actor(301);
  static final AccountId PROVIDER2 = actor(302);

  final Chain chain;
  final VerifiedRegistryPallet registry;
  final VerifiedRegistryConfig config;

  RegistryHarness(VerifiedRegistryConfig config) {
    this.config = config;
    this.chain =
        MockRuntime.builder()
            .pallet(c -> new VerifiedRegistryPallet(config, c))
            .pallet(RegistryDriver::new)
            .coupling(
                StorageProviderValidation.class,
                new RegisteredProviders(HashSet.of(PROVIDER1, PROVIDER2)))
            .start();
    this.registry = chain.runtime().pallet(VerifiedRegistryPallet.class);
    setEpoch(0);
  }

  /** {@code new_harness()}: the Filecoin policy at epoch 0. */
  static RegistryHarness newHarness() {
    return new RegistryHarness(VerifiedRegistryConfig.filecoin());
  }

  /** {@code MINIMUM_VERIFIED_ALLOCATION_SIZE}. */
  long minSize() {
    return config.minimumVerifiedAllocationSize();
  }

  /** {@code verifier_allowance}: the minimum plus 42. */
  long verifierAllowance() {
    return minSize() + 42;
  }

  /** {@code client_allowance}: the verifier's allowance less 1. */
  long clientAllowance() {
    return verifierAllowance() - 1;
  }

  /** {@code rt.set_epoch(e)}. */
  long setEpoch(long e) {
    chain.jumpToBlock(T0 + e);
    return e;
  }

  /** The block of epoch {@code e}. */
  static long block(long e) {
    return T0 + e;
  }

  DispatchOutcome dispatch(Origin origin, Call<?> call) {
    return chain.dispatch(origin, call);
  }

  DispatchOutcome root(Call<?> call) {
    return chain.dispatch(Origin.root(), call);
  }

  /** {@code add_verifier}: must succeed and leave the allowance. */
  void addVerifier(AccountId verifier, long allowance) {
    assertThat(root(new VerifiedRegistryCall.AddVerifier(verifier, allowance)))
        .isSuccess()
        .emittedExactly(new VerifiedRegistryEvent.VerifierAllowanceSet(verifier, allowance));
    assertVerifierAllowance(verifier, allowance);
  }

  /**
   * {@code add_client}: {@code verifier} grants {@code client} {@code allowance}, which must
   * succeed, leaving the verifier {@code verifierBalance} less the allowance, and minting the
   * allowance into the client's balance.
   */
  void addClient(AccountId verifier, AccountId client, long allowance, long verifierBalance) {
    long before = registry.dataCapBalance(chain.world(), client);
    assertThat(
            chain.dispatch(verifier, new VerifiedRegistryCall.AddVerifiedClient(client, allowance)))
        .isSuccess()
        .emittedExactly(
            new VerifiedRegistryEvent.VerifierAllowanceSet(verifier, verifierBalance - allowance),
            new VerifiedRegistryEvent.DataCapGranted(Option.some(verifier), client, allowance));
    assertThat(registry.dataCapBalance(chain.world(), client)).isEqualTo(before + allowance);
  }

  /** {@code assert_verifier_allowance}. */
  void assertVerifierAllowance(AccountId verifier, long allowance) {
    assertThat(VerifiedRegistryStorage.VERIFIERS.find(chain.world(), verifier)).contains(allowance);
  }

  /** {@code create_alloc}: returns its id. */
  long createAlloc(Allocation a) {
    long id = VerifiedRegistryStorage.NEXT_ALLOCATION_ID.get(chain.world());
    assertThat(root(new RegistryDriver.PutAllocation(a))).isSuccess();
    return id;
  }

  /** {@code create_claim}: returns its id. */
  long createClaim(Claim c) {
    long id = VerifiedRegistryStorage.NEXT_ALLOCATION_ID.get(chain.world());
    assertThat(root(new RegistryDriver.PutClaim(c))).isSuccess();
    return id;
  }

  /** {@code make_alloc}: piece {@code data}, terms [min term, 2 × min term], expiring at 100. */
  Allocation makeAlloc(String data, AccountId client, AccountId provider, long size) {
    long termMin = config.minimumVerifiedAllocationTerm();
    return new Allocation(client, provider, piece(data), size, termMin, termMin * 2, block(100));
  }

  /** {@code make_claim}. */
  static Claim makeClaim(
      String data,
      AccountId client,
      AccountId provider,
      long size,
      long termMin,
      long termMax,
      long termStart,
      long sector) {
    return new Claim(
        provider, client, piece(data), size, termMin, termMax, block(termStart), sector);
  }

  /** {@code make_alloc_req}: piece "1234", terms [min, max], expiring 100 epochs from now. */
  AllocationRequest makeAllocReq(AccountId provider, long size) {
    return new AllocationRequest(
        provider,
        piece("1234"),
        size,
        config.minimumVerifiedAllocationTerm(),
        config.maximumVerifiedAllocationTerm(),
        chain.blockNumber() + 100);
  }

  /** {@code make_piece_cid(data)}. */
  static Cid piece(String data) {
    return Commitments.piece(data);
  }

  /** {@code make_claim_reqs}: the claims of one sector expiring at epoch {@code expiry}. */
  static SectorAllocationClaims claimReqs(long sector, long expiry, Object... idsAndAllocs) {
    List<AllocationClaim> claims = List.empty();
    for (int i = 0; i < idsAndAllocs.length; i += 2) {
      long id = (Long) idsAndAllocs[i];
      Allocation a = (Allocation) idsAndAllocs[i + 1];
      claims = claims.append(new AllocationClaim(a.client(), id, a.data(), a.size()));
    }
    return new SectorAllocationClaims(sector, block(expiry), claims);
  }

  /** {@code claim_allocations} as {@code provider}: the call's outcome. */
  DispatchOutcome claimAllocationsRaw(
      AccountId provider, Seq<SectorAllocationClaims> sectors, boolean allOrNothing) {
    return chain.dispatch(provider, new RegistryDriver.ClaimAs(sectors, allOrNothing));
  }

  /** {@code claim_allocations}: must succeed; returns the per-sector results. */
  ClaimResults claimAllocations(
      AccountId provider, Seq<SectorAllocationClaims> sectors, boolean allOrNothing) {
    DispatchOutcome o = claimAllocationsRaw(provider, sectors, allOrNothing);
    assertThat(o).isSuccess();
    return o.eventsOf(RegistryDriver.Claimed.class).single().results();
  }

  /** The codes of each sector's result (0 for success). */
  static List<Integer> codes(ClaimResults r) {
    return List.ofAll(r.sectors()).map(e -> e.isRight() ? 0 : e.getLeft().exitCode().value());
  }

  /** {@code load_alloc}. */
  Option<Allocation> loadAlloc(AccountId client, long id) {
    return registry.allocation(chain.world(), client, id);
  }

  /** {@code load_claim}. */
  Option<Claim> loadClaim(AccountId provider, long id) {
    return registry.claim(chain.world(), provider, id);
  }

  /** {@code assert_alloc_claimed}: the allocation is gone and a claim stands in its place. */
  void assertAllocClaimed(
      AccountId client, AccountId provider, long id, Allocation a, long epoch, long sector) {
    assertThat(loadAlloc(client, id)).isEmpty();
    assertThat(loadClaim(provider, id))
        .contains(
            new Claim(
                provider,
                a.client(),
                a.data(),
                a.size(),
                a.termMin(),
                a.termMax(),
                block(epoch),
                sector));
  }

  /** {@code check_state}: every invariant of the runtime holds now. */
  void checkState() {
    for (Invariant i : chain.runtime().invariants()) {
      assertThat(i.check(chain.world())).as(i.name()).isEmpty();
    }
  }
}
