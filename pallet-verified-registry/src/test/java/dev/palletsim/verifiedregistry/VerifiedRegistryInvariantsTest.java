package dev.palletsim.verifiedregistry;

import static dev.palletsim.verifiedregistry.RegistryHarness.CLIENT;
import static dev.palletsim.verifiedregistry.RegistryHarness.PROVIDER1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.testkit.PalletAssertions;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each of the registry's invariants holds on a world the calls made and catches the corruption it
 * names: DataCap created or lost outside a grant, a claim or a removal; an allocation or claim
 * outside the policy, filed under another account, with an id not yet issued, or claimed in the
 * future.
 */
class VerifiedRegistryInvariantsTest {
  final RegistryHarness h = RegistryHarness.newHarness();

  Invariant named(String prefix) {
    return h.registry.invariants().find(i -> i.name().startsWith(prefix)).get();
  }

  World corrupt(Consumer<Tx> change) {
    Tx tx = Tx.begin(h.chain.world(), BlockContext.genesis(H256.ZERO), new WeightMeter());
    change.accept(tx);
    return tx.commit();
  }

  /** A client with DataCap, one allocation and one claim, all made by calls. */
  long[] populated() {
    PalletAssertions.assertThat(
            h.root(new VerifiedRegistryCall.AddVerifiedClient(CLIENT, 4 * h.minSize())))
        .isSuccess();
    long alloc = VerifiedRegistryStorage.NEXT_ALLOCATION_ID.get(h.chain.world());
    PalletAssertions.assertThat(
            h.dispatch(
                dev.palletsim.frame.Origin.signed(CLIENT),
                new VerifiedRegistryCall.AllocateDataCap(
                    io.vavr.collection.List.of(h.makeAllocReq(PROVIDER1, h.minSize())),
                    io.vavr.collection.List.empty())))
        .isSuccess();
    long claim =
        h.createClaim(RegistryHarness.makeClaim("c", CLIENT, PROVIDER1, h.minSize(), 10, 20, 0, 1));
    return new long[] {alloc, claim};
  }

  @Test
  void dataCapIsConserved() {
    long[] ids = populated();
    Invariant conserved = named("VerifiedRegistry: Σ DataCap");
    assertThat(conserved.check(h.chain.world())).isEmpty();
    // DataCap minted without the supply
    assertThat(
            conserved.check(
                corrupt(tx -> VerifiedRegistryStorage.DATACAP.insert(tx, CLIENT, 5 * h.minSize()))))
        .isNotEmpty();
    // an allocation vanishing without returning its DataCap
    assertThat(
            conserved.check(
                corrupt(tx -> VerifiedRegistryStorage.ALLOCATIONS.remove(tx, CLIENT, ids[0]))))
        .isNotEmpty();
    // a zero balance kept as an entry, a negative verifier allowance
    assertThat(
            conserved.check(
                corrupt(
                    tx -> {
                      VerifiedRegistryStorage.DATACAP.insert(tx, RegistryHarness.CLIENT2, -1L);
                      VerifiedRegistryStorage.DATACAP_SUPPLY.put(
                          tx, VerifiedRegistryStorage.DATACAP_SUPPLY.get(tx) - 1);
                    })))
        .isNotEmpty();
    assertThat(
            conserved.check(
                corrupt(
                    tx ->
                        VerifiedRegistryStorage.VERIFIERS.insert(
                            tx, RegistryHarness.VERIFIER, -1L))))
        .isNotEmpty();
  }

  @Test
  void allocationsAndClaimsAreWellFormed() {
    long[] ids = populated();
    Invariant wellFormed = named("VerifiedRegistry: allocations and claims");
    assertThat(wellFormed.check(h.chain.world())).isEmpty();
    Allocation a = h.loadAlloc(CLIENT, ids[0]).get();
    Claim c = h.loadClaim(PROVIDER1, ids[1]).get();
    // an allocation filed under another client
    assertThat(
            wellFormed.check(
                corrupt(
                    tx -> {
                      VerifiedRegistryStorage.ALLOCATIONS.remove(tx, CLIENT, ids[0]);
                      VerifiedRegistryStorage.ALLOCATIONS.insert(
                          tx, RegistryHarness.CLIENT2, ids[0], a);
                    })))
        .isNotEmpty();
    // an allocation with a term beyond the policy
    assertThat(
            wellFormed.check(
                corrupt(
                    tx ->
                        VerifiedRegistryStorage.ALLOCATIONS.insert(
                            tx,
                            CLIENT,
                            ids[0],
                            new Allocation(
                                a.client(),
                                a.provider(),
                                a.data(),
                                a.size(),
                                a.termMin(),
                                h.config.maximumVerifiedAllocationTerm() + 1,
                                a.expiration())))))
        .isNotEmpty();
    // an id not yet issued
    assertThat(
            wellFormed.check(
                corrupt(tx -> VerifiedRegistryStorage.NEXT_ALLOCATION_ID.put(tx, ids[1]))))
        .isNotEmpty();
    // a claim starting in the future
    assertThat(
            wellFormed.check(
                corrupt(
                    tx ->
                        VerifiedRegistryStorage.CLAIMS.insert(
                            tx,
                            PROVIDER1,
                            ids[1],
                            new Claim(
                                c.provider(),
                                c.client(),
                                c.data(),
                                c.size(),
                                c.termMin(),
                                c.termMax(),
                                h.chain.blockNumber() + 1,
                                c.sector())))))
        .isNotEmpty();
  }
}
