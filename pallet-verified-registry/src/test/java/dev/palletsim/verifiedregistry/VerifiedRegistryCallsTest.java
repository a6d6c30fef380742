package dev.palletsim.verifiedregistry;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;
import static dev.palletsim.verifiedregistry.RegistryHarness.CLIENT;
import static dev.palletsim.verifiedregistry.RegistryHarness.CLIENT2;
import static dev.palletsim.verifiedregistry.RegistryHarness.PROVIDER1;
import static dev.palletsim.verifiedregistry.RegistryHarness.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.VerifiedRegistry.AllocationRequest;
import dev.palletsim.verifiedregistry.VerifiedRegistryEvent.AllocationCreated;
import dev.palletsim.verifiedregistry.VerifiedRegistryEvent.AllocationRemoved;
import dev.palletsim.verifiedregistry.VerifiedRegistryEvent.DataCapGranted;
import dev.palletsim.verifiedregistry.VerifiedRegistryEvent.DataCapRemoved;
import dev.palletsim.verifiedregistry.VerifiedRegistryEvent.ExpiredAllocationsRemoved;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The verified registry's calls beyond the ported builtin-actors tests ({@link
 * BuiltinVerifregActorTest}): Root's grants and removals of DataCap, the request bounds of every
 * batch call, allocations a client makes and removes once expired with their events and the DataCap
 * they move, and malformed input, each failure with its typed error and the world unchanged.
 */
class VerifiedRegistryCallsTest {
  final RegistryHarness h = RegistryHarness.newHarness();

  @AfterEach
  void invariantsHold() {
    h.chain.nextBlock();
  }

  long dataCap(dev.palletsim.frame.primitives.AccountId who) {
    return h.registry.dataCapBalance(h.chain.world(), who);
  }

  long supply() {
    return h.registry.dataCapSupply(h.chain.world());
  }

  @Test
  void rootGrantsDataCapWithoutAVerifierAndMayRemoveIt() {
    long amount = h.minSize() * 4;
    assertThat(h.root(new VerifiedRegistryCall.AddVerifiedClient(CLIENT, amount)))
        .isSuccess()
        .emittedExactly(new DataCapGranted(Option.none(), CLIENT, amount));
    assertThat(dataCap(CLIENT)).isEqualTo(amount);
    assertThat(supply()).isEqualTo(amount);

    // a signed origin may not remove DataCap
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(VERIFIER),
        new VerifiedRegistryCall.RemoveVerifiedClientDataCap(CLIENT, 1),
        DispatchError.badOrigin());
    // Root removes what is asked, at most the balance
    assertThat(h.root(new VerifiedRegistryCall.RemoveVerifiedClientDataCap(CLIENT, h.minSize())))
        .isSuccess()
        .emittedExactly(new DataCapRemoved(CLIENT, h.minSize()));
    assertThat(h.root(new VerifiedRegistryCall.RemoveVerifiedClientDataCap(CLIENT, 100 * amount)))
        .isSuccess()
        .emittedExactly(new DataCapRemoved(CLIENT, amount - h.minSize()));
    assertThat(dataCap(CLIENT)).isZero();
    assertThat(supply()).isZero();
  }

  @Test
  void rootCannotGrantAVerifierDataCap() {
    h.addVerifier(VERIFIER, h.verifierAllowance());
    assertFailsWithoutEffect(
        h.chain,
        Origin.root(),
        new VerifiedRegistryCall.AddVerifiedClient(VERIFIER, h.minSize()),
        VerifiedRegistryError.VerifierCannotBeClient);
  }

  /** A client holding {@code 4 × minimum} DataCap granted by Root. */
  void fundedClient() {
    assertThat(h.root(new VerifiedRegistryCall.AddVerifiedClient(CLIENT, 4 * h.minSize())))
        .isSuccess();
  }

  VerifiedRegistryCall.AllocateDataCap allocate(AllocationRequest... requests) {
    return new VerifiedRegistryCall.AllocateDataCap(List.of(requests), List.empty());
  }

  @Test
  void aClientAllocatesItsDataCapToAProvider() {
    fundedClient();
    AllocationRequest r = h.makeAllocReq(PROVIDER1, h.minSize());
    long id = VerifiedRegistryStorage.NEXT_ALLOCATION_ID.get(h.chain.world());
    Allocation expected =
        new Allocation(
            CLIENT, PROVIDER1, r.data(), r.size(), r.termMin(), r.termMax(), r.expiration());
    assertThat(h.dispatch(Origin.signed(CLIENT), allocate(r, r)))
        .isSuccess()
        .emittedExactly(
            new AllocationCreated(id, expected), new AllocationCreated(id + 1, expected));
    assertThat(dataCap(CLIENT)).isEqualTo(2 * h.minSize());
    // DataCap held by allocations is still in the supply
    assertThat(supply()).isEqualTo(4 * h.minSize());
    assertThat(h.loadAlloc(CLIENT, id)).contains(expected);
  }

  @Test
  void allocationsBeyondTheClientsDataCapOrAlreadyExpiredAreRejected() {
    fundedClient();
    AllocationRequest r = h.makeAllocReq(PROVIDER1, h.minSize());
    Origin client = Origin.signed(CLIENT);
    assertFailsWithoutEffect(
        h.chain, client, allocate(r, r, r, r, r), VerifiedRegistryError.InsufficientDataCap);
    assertFailsWithoutEffect(
        h.chain, Origin.signed(CLIENT2), allocate(r), VerifiedRegistryError.InsufficientDataCap);
    AllocationRequest past =
        new AllocationRequest(
            r.provider(), r.data(), r.size(), r.termMin(), r.termMax(), h.chain.blockNumber() - 1);
    assertFailsWithoutEffect(
        h.chain, client, allocate(past), VerifiedRegistryError.ExpirationPassed);
  }

  @Test
  void emptyAndOversizedRequestsAreRejected() {
    fundedClient();
    Origin client = Origin.signed(CLIENT);
    assertFailsWithoutEffect(
        h.chain,
        client,
        new VerifiedRegistryCall.AllocateDataCap(List.empty(), List.empty()),
        VerifiedRegistryError.EmptyRequest);
    AllocationRequest r = h.makeAllocReq(PROVIDER1, h.minSize());
    int tooMany = h.config.maxItemsPerCall() + 1;
    assertFailsWithoutEffect(
        h.chain,
        client,
        new VerifiedRegistryCall.AllocateDataCap(Vector.fill(tooMany, () -> r), List.empty()),
        VerifiedRegistryError.TooManyItems);
    assertFailsWithoutEffect(
        h.chain,
        client,
        new VerifiedRegistryCall.ExtendClaimTerms(List.empty()),
        VerifiedRegistryError.EmptyRequest);
    assertFailsWithoutEffect(
        h.chain,
        client,
        new VerifiedRegistryCall.ExtendClaimTerms(
            Vector.fill(tooMany, () -> new ClaimTerm(PROVIDER1, 1, 10))),
        VerifiedRegistryError.TooManyItems);
    assertFailsWithoutEffect(
        h.chain,
        client,
        new VerifiedRegistryCall.RemoveExpiredAllocations(CLIENT, Vector.fill(tooMany, () -> 1L)),
        VerifiedRegistryError.TooManyItems);
    assertFailsWithoutEffect(
        h.chain,
        client,
        new VerifiedRegistryCall.RemoveExpiredClaims(PROVIDER1, Vector.fill(tooMany, () -> 1L)),
        VerifiedRegistryError.TooManyItems);
  }

  @Test
  void anExpiredAllocationIsRemovedByAnyoneAndItsDataCapReturned() {
    fundedClient();
    AllocationRequest r = h.makeAllocReq(PROVIDER1, h.minSize());
    long id = VerifiedRegistryStorage.NEXT_ALLOCATION_ID.get(h.chain.world());
    assertThat(h.dispatch(Origin.signed(CLIENT), allocate(r))).isSuccess();
    Allocation a = h.loadAlloc(CLIENT, id).get();

    // not yet expired, and an unknown id: both reported, nothing removed
    var early =
        h.dispatch(
            Origin.signed(CLIENT2),
            new VerifiedRegistryCall.RemoveExpiredAllocations(CLIENT, List.of(id, id + 7)));
    assertThat(early)
        .isSuccess()
        .emittedExactly(
            new ExpiredAllocationsRemoved(
                CLIENT,
                Vector.empty(),
                Vector.of(
                    new ItemFailure(id, VerifiedRegistryError.AllocationNotExpired),
                    new ItemFailure(id + 7, VerifiedRegistryError.AllocationNotFound)),
                0));
    assertThat(h.loadAlloc(CLIENT, id)).isNotEmpty();

    h.chain.runToBlock(a.expiration());
    assertThat(
            h.dispatch(
                Origin.signed(CLIENT2),
                new VerifiedRegistryCall.RemoveExpiredAllocations(CLIENT, List.empty())))
        .isSuccess()
        .emittedExactly(
            new AllocationRemoved(id, a),
            new ExpiredAllocationsRemoved(CLIENT, Vector.of(id), Vector.empty(), h.minSize()));
    assertThat(h.loadAlloc(CLIENT, id)).isEmpty();
    assertThat(dataCap(CLIENT)).isEqualTo(4 * h.minSize());
  }

  /**
   * A removal naming no id sweeps every entry of the account, so its weight is declared for {@code
   * maxItemsPerCall} entries: an account holding more is refused ({@code TooManyItems}, nothing
   * changed) and must name the ids.
   */
  @Test
  void aSweepNamingNoIdIsRefusedWhenTheAccountHoldsMoreThanACallMayTouch() {
    RegistryHarness small =
        new RegistryHarness(
            VerifiedRegistryConfig.builder()
                .from(VerifiedRegistryConfig.filecoin())
                .maxItemsPerCall(2)
                .build());
    assertThat(small.root(new VerifiedRegistryCall.AddVerifiedClient(CLIENT, 4 * small.minSize())))
        .isSuccess();
    AllocationRequest r = small.makeAllocReq(PROVIDER1, small.minSize());
    Origin client = Origin.signed(CLIENT);
    assertThat(small.dispatch(client, allocate(r, r))).isSuccess();
    small.chain.runToBlock(r.expiration());
    var sweep = new VerifiedRegistryCall.RemoveExpiredAllocations(CLIENT, List.empty());
    // two allocations: within the sweep's bound
    var fork = small.chain.fork();
    assertThat(fork.dispatch(Origin.signed(CLIENT2), sweep).isSuccess()).isTrue();
    assertThat(small.registry.allocationsOf(fork.world(), CLIENT)).isEmpty();
    // a third: beyond it
    assertThat(small.dispatch(client, allocate(small.makeAllocReq(PROVIDER1, small.minSize()))))
        .isSuccess();
    assertFailsWithoutEffect(
        small.chain, Origin.signed(CLIENT2), sweep, VerifiedRegistryError.TooManyItems);
    assertThat(
            small.dispatch(
                Origin.signed(CLIENT2),
                new VerifiedRegistryCall.RemoveExpiredAllocations(
                    CLIENT,
                    small
                        .registry
                        .allocationsOf(small.chain.world(), CLIENT)
                        .map(a -> a._1)
                        .take(2))))
        .isSuccess();

    for (int i = 0; i < 3; i++) {
      small.createClaim(
          RegistryHarness.makeClaim("claim-" + i, CLIENT, PROVIDER1, small.minSize(), 0, 1, 0, i));
    }
    assertFailsWithoutEffect(
        small.chain,
        Origin.signed(CLIENT2),
        new VerifiedRegistryCall.RemoveExpiredClaims(PROVIDER1, List.empty()),
        VerifiedRegistryError.TooManyItems);
    small.chain.nextBlock();
  }

  @Test
  void malformedCallsAreBadInputAndChangeNothing() {
    fundedClient();
    Origin root = Origin.root();
    Origin client = Origin.signed(CLIENT);
    assertBadInputWithoutEffect(h.chain, root, new VerifiedRegistryCall.AddVerifier(null, 1));
    assertBadInputWithoutEffect(h.chain, root, new VerifiedRegistryCall.AddVerifier(VERIFIER, -1));
    assertBadInputWithoutEffect(h.chain, root, new VerifiedRegistryCall.RemoveVerifier(null));
    assertBadInputWithoutEffect(
        h.chain, root, new VerifiedRegistryCall.AddVerifiedClient(null, h.minSize()));
    assertBadInputWithoutEffect(
        h.chain, root, new VerifiedRegistryCall.AddVerifiedClient(CLIENT2, -5));
    assertBadInputWithoutEffect(
        h.chain, root, new VerifiedRegistryCall.RemoveVerifiedClientDataCap(CLIENT, -1));
    assertBadInputWithoutEffect(
        h.chain, client, new VerifiedRegistryCall.AllocateDataCap(null, List.empty()));
    assertBadInputWithoutEffect(
        h.chain,
        client,
        new VerifiedRegistryCall.AllocateDataCap(List.of((AllocationRequest) null), List.empty()));
    AllocationRequest r = h.makeAllocReq(PROVIDER1, h.minSize());
    assertBadInputWithoutEffect(
        h.chain,
        client,
        allocate(
            new AllocationRequest(
                null, r.data(), r.size(), r.termMin(), r.termMax(), r.expiration())));
    assertBadInputWithoutEffect(
        h.chain,
        client,
        new VerifiedRegistryCall.AllocateDataCap(
            List.empty(), List.of(new ClaimExtensionRequest(null, 1, 10))));
    assertBadInputWithoutEffect(
        h.chain, client, new VerifiedRegistryCall.RemoveExpiredAllocations(CLIENT, null));
    assertBadInputWithoutEffect(
        h.chain, client, new VerifiedRegistryCall.RemoveExpiredAllocations(null, List.empty()));
    assertBadInputWithoutEffect(
        h.chain, client, new VerifiedRegistryCall.RemoveExpiredClaims(PROVIDER1, null));
    assertBadInputWithoutEffect(
        h.chain, client, new VerifiedRegistryCall.ExtendClaimTerms(List.of((ClaimTerm) null)));
    // the unsigned calls need a signed origin
    assertFailsWithoutEffect(h.chain, root, allocate(r), DispatchError.badOrigin());
  }
}
