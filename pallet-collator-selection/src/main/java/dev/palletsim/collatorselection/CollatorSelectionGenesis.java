package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * Collator selection's genesis (upstream's {@code GenesisConfig}): the invulnerables (sorted at
 * genesis; a duplicate is a configuration error, as upstream's "duplicate invulnerables in
 * genesis."), the candidacy bond and the desired number of candidates. Invulnerables reserve
 * nothing.
 *
 * @param invulnerables the invulnerable collators
 * @param candidacyBond the bond a candidate reserves, in planck
 * @param desiredCandidates the seats auctioned each session besides the invulnerables
 */
public record CollatorSelectionGenesis(
    Seq<AccountId> invulnerables, long candidacyBond, int desiredCandidates) {
  /** No invulnerables, no bond, no seats. */
  public static CollatorSelectionGenesis empty() {
    return new CollatorSelectionGenesis(List.empty(), 0, 0);
  }
}
