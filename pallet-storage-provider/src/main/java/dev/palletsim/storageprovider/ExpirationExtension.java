package dev.palletsim.storageprovider;

import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * Sectors of one partition whose expiration an {@code extendSectorExpiration} call moves
 * (builtin-actors' {@code ExpirationExtension2}): the sectors without verified data, and those with
 * it each with its claims to keep and to drop.
 *
 * @param deadline the deadline index
 * @param partition the partition index
 * @param sectors the sector numbers without claims
 * @param newExpiration the new committed expiration block
 * @param sectorsWithClaims the sectors holding verified data, with their claims
 */
public record ExpirationExtension(
    int deadline,
    int partition,
    Seq<Long> sectors,
    long newExpiration,
    Seq<SectorClaims> sectorsWithClaims) {

  /** Sectors without verified data. */
  public ExpirationExtension(int deadline, int partition, Seq<Long> sectors, long newExpiration) {
    this(deadline, partition, sectors, newExpiration, List.empty());
  }

  /**
   * A sector holding verified data and its claims (builtin-actors' {@code SectorClaim}): every
   * claim naming the sector must be listed, kept or dropped.
   *
   * @param sectorNumber the sector
   * @param maintainClaims the claims it keeps: each must allow the new expiration
   * @param dropClaims the claims it drops: its verified data no longer counts
   */
  public record SectorClaims(long sectorNumber, Seq<Long> maintainClaims, Seq<Long> dropClaims) {}
}
