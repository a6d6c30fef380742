package dev.palletsim.verifiedregistry;

import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.ALLOCATIONS;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.CLAIMS;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.DATACAP;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.DATACAP_SUPPLY;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.NEXT_ALLOCATION_ID;
import static dev.palletsim.verifiedregistry.VerifiedRegistryStorage.VERIFIERS;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The verified registry's invariants, checked after every block (builtin-actors' verifreg {@code
 * check_state_invariants} and the datacap token's supply): DataCap is conserved (Σ client balances
 * + Σ allocation sizes = the supply, every balance and allowance positive or, for an allowance,
 * zero); allocations and claims are well-formed (ids below the next id, sizes and terms within the
 * policy, a claim's start not in the future).
 */
final class VerifiedRegistryInvariants {
  private VerifiedRegistryInvariants() {}

  static Seq<Invariant> all(VerifiedRegistryConfig config) {
    return List.of(
        Invariant.of(
            "VerifiedRegistry: Σ DataCap balances + Σ allocations = DataCap supply",
            VerifiedRegistryInvariants::dataCapConserved),
        Invariant.of(
            "VerifiedRegistry: allocations and claims are well-formed",
            view -> wellFormed(view, config)));
  }

  static Option<String> dataCapConserved(StateView view) {
    long sum = 0;
    for (var e : DATACAP.entries(view)) {
      if (e._2 <= 0) return Option.some(e._1 + " holds DataCap " + e._2);
      sum = Math.addExact(sum, e._2);
    }
    for (var e : VERIFIERS.entries(view)) {
      if (e._2 < 0) return Option.some("verifier " + e._1 + " has allowance " + e._2);
    }
    for (var e : ALLOCATIONS.entries(view)) {
      if (e._2.size() <= 0)
        return Option.some("allocation " + e._1._2 + " has size " + e._2.size());
      sum = Math.addExact(sum, e._2.size());
    }
    long supply = DATACAP_SUPPLY.get(view);
    if (sum != supply) {
      return Option.some("Σ balances + allocations " + sum + " ≠ supply " + supply);
    }
    return Option.none();
  }

  static Option<String> wellFormed(StateView view, VerifiedRegistryConfig config) {
    long next = NEXT_ALLOCATION_ID.get(view);
    long now = SystemStorage.NUMBER.get(view);
    for (var e : ALLOCATIONS.entries(view)) {
      long id = e._1._2;
      Allocation a = e._2;
      if (id <= 0 || id >= next) return Option.some("allocation id " + id + " ≥ next " + next);
      if (!a.client().equals(e._1._1)) {
        return Option.some("allocation " + id + " is filed under another client");
      }
      if (a.size() < config.minimumVerifiedAllocationSize()
          || a.termMin() < config.minimumVerifiedAllocationTerm()
          || a.termMax() > config.maximumVerifiedAllocationTerm()
          || a.termMin() > a.termMax()) {
        return Option.some("allocation " + id + " is outside the policy: " + a);
      }
    }
    for (var e : CLAIMS.entries(view)) {
      long id = e._1._2;
      Claim c = e._2;
      if (id <= 0 || id >= next) return Option.some("claim id " + id + " ≥ next " + next);
      if (!c.provider().equals(e._1._1)) {
        return Option.some("claim " + id + " is filed under another provider");
      }
      if (c.termStart() > now || c.termMin() > c.termMax() || c.size() <= 0) {
        return Option.some("claim " + id + " is malformed: " + c);
      }
    }
    return Option.none();
  }
}
