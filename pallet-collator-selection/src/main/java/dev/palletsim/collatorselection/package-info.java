/**
 * The collator selection pallet: upstream {@code pallet-collator-selection} (invulnerables, bonded
 * candidates, kicking, the reward pot) with seed 001's randomized auction weighted by delegated
 * storage power in place of top-by-bond election.
 *
 * <p>Where to look: {@link dev.palletsim.collatorselection.CollatorSelectionPallet} (calls, session
 * rotation, rewards, and the decisions where the specification was open), {@link
 * dev.palletsim.collatorselection.CollatorSelectionStorage} (the layout), {@link
 * dev.palletsim.collatorselection.AuctionStrategy} and its three implementations (pure, separately
 * tested), {@link dev.palletsim.collatorselection.InclusionProbabilities} (their exact
 * probabilities) and {@link dev.palletsim.collatorselection.RewardSplit} (sharing rewards with
 * backing miners).
 */
package dev.palletsim.collatorselection;
