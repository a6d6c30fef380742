package dev.palletsim.collatorselection;

import static dev.palletsim.collatorselection.CollatorSelectionStorage.AUCTIONS;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.CANDIDACY_BOND;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.CANDIDATES;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.DESIRED_CANDIDATES;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.INVULNERABLES;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionStorage;
import dev.palletsim.frame.traits.Currency;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.Supplier;

/**
 * The properties collator selection's state keeps after every block (upstream's {@code try_state}
 * plus the checks of the authority set): limits respected, bonds reserved, and every set
 * this pallet assembled, and the one Session and Aura run with, free of duplicates with the
 * invulnerables first.
 */
final class CollatorSelectionInvariants {
  private CollatorSelectionInvariants() {}

  static Seq<Invariant> of(CollatorSelectionConfig config, Supplier<Currency> currency) {
    return List.of(
        Invariant.of(
            "CollatorSelection: DesiredCandidates ≤ MaxCandidates and, with MaxInvulnerables,"
                + " ≥ MinEligibleCollators",
            view -> desiredCandidates(config, view)),
        Invariant.of(
            "CollatorSelection: invulnerables sorted, unique, within MaxInvulnerables",
            view -> invulnerables(config, view)),
        Invariant.of(
            "CollatorSelection: candidates within MaxCandidates, bonds ≥ CandidacyBond and"
                + " reserved",
            view -> candidates(config, currency.get(), view)),
        Invariant.of(
            "CollatorSelection: every assembled set has no duplicates, invulnerables first,"
                + " size within the limits",
            view -> assembledSets(config, view)),
        Invariant.of(
            "CollatorSelection: the session's validators and authorities are the sets assembled",
            CollatorSelectionInvariants::sessionSets));
  }

  private static Option<String> desiredCandidates(CollatorSelectionConfig config, StateView view) {
    int desired = DESIRED_CANDIDATES.get(view);
    if (desired < 0 || desired > config.maxCandidates()) {
      return Option.some("DesiredCandidates " + desired + " > MaxCandidates");
    }
    if ((long) desired + config.maxInvulnerables() < config.minEligibleCollators()) {
      return Option.some("DesiredCandidates " + desired + " cannot meet MinEligibleCollators");
    }
    return Option.none();
  }

  private static Option<String> invulnerables(CollatorSelectionConfig config, StateView view) {
    Vector<AccountId> inv = INVULNERABLES.get(view);
    if (inv.size() > config.maxInvulnerables()) {
      return Option.some(inv.size() + " invulnerables > MaxInvulnerables");
    }
    if (!inv.equals(inv.distinct().sorted())) {
      return Option.some("invulnerables not sorted and unique: " + inv);
    }
    return Option.none();
  }

  private static Option<String> candidates(
      CollatorSelectionConfig config, Currency currency, StateView view) {
    int count = CANDIDATES.count(view);
    if (count > config.maxCandidates()) {
      return Option.some(count + " candidates > MaxCandidates");
    }
    long bond = CANDIDACY_BOND.get(view);
    for (Tuple2<AccountId, CandidateInfo> c : CANDIDATES.entries(view)) {
      long deposit = c._2.deposit();
      if (deposit < bond) {
        return Option.some(c._1 + " bonds " + deposit + " < CandidacyBond " + bond);
      }
      if (currency.reserved(view, c._1) < deposit) {
        return Option.some(
            c._1 + " bonds " + deposit + " but has " + currency.reserved(view, c._1) + " reserved");
      }
    }
    return Option.none();
  }

  private static Option<String> assembledSets(CollatorSelectionConfig config, StateView view) {
    for (Tuple2<Long, AuctionRecord> e : AUCTIONS.entries(view)) {
      AuctionRecord r = e._2;
      String where = "session " + e._1 + ": ";
      Vector<AccountId> set = r.collators();
      if (set.distinct().size() != set.size()) return Option.some(where + "duplicates in " + set);
      if (!r.invulnerables().equals(r.invulnerables().sorted())) {
        return Option.some(where + "invulnerables not sorted: " + r.invulnerables());
      }
      if (r.invulnerables().size() > config.maxInvulnerables()) {
        return Option.some(where + "more invulnerables than MaxInvulnerables");
      }
      if (r.seats() > config.maxCandidates() || r.elected().size() > r.seats()) {
        return Option.some(
            where + r.elected().size() + " elected for " + r.seats() + " seats exceeds the limits");
      }
      if (!set.take(r.invulnerables().size()).equals(r.invulnerables())) {
        return Option.some(where + "invulnerables do not come first in " + set);
      }
    }
    return Option.none();
  }

  private static Option<String> sessionSets(StateView view) {
    long current = SessionStorage.CURRENT_INDEX.get(view);
    Option<AuctionRecord> now = AUCTIONS.find(view, current);
    if (now.isDefined() && !SessionStorage.VALIDATORS.get(view).equals(now.get().collators())) {
      return Option.some(
          "validators "
              + SessionStorage.VALIDATORS.get(view)
              + " ≠ assembled "
              + now.get().collators());
    }
    Option<AuctionRecord> queued = AUCTIONS.find(view, current + 1);
    if (queued.isDefined()
        && !SessionStorage.QUEUED_VALIDATORS.get(view).equals(queued.get().collators())) {
      return Option.some(
          "queued validators "
              + SessionStorage.QUEUED_VALIDATORS.get(view)
              + " ≠ assembled "
              + queued.get().collators());
    }
    Vector<AccountId> authorities = SessionStorage.AUTHORITIES.get(view);
    if (authorities.distinct().size() != authorities.size()) {
      return Option.some("duplicate authorities " + authorities);
    }
    if (now.isDefined() && !now.get().collators().isEmpty()) {
      Vector<AccountId> inv = now.get().invulnerables();
      if (!authorities.take(inv.size()).equals(inv)) {
        return Option.some("authorities " + authorities + " do not start with " + inv);
      }
    }
    return Option.none();
  }
}
