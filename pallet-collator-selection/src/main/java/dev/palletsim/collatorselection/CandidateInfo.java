package dev.palletsim.collatorselection;

/**
 * A registered candidate (upstream's {@code CandidateInfo}; the account is the storage key): the
 * bond it has reserved. The bond is a price of entry and a stake that an offence can slash; it does
 * not rank candidates, delegated power does.
 *
 * @param deposit the reserved bond, in planck
 */
public record CandidateInfo(long deposit) {}
