package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.BitField;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Option;

/**
 * A group of sectors proven together by one Window PoSt (Filecoin's {@code Partition},
 * filecoin-actors.md §3.3). All sectors of a provider have the same size, so raw power is the count
 * of sectors times the sector size; quality-adjusted power, which differs from sector to sector, is
 * summed over the sectors' infos by the caller ({@code ProviderLedger#powerOf}):
 *
 * <ul>
 *   <li>{@code live = sectors − terminated}; {@code active = live − faults − unproven}: only active
 *       sectors have power;
 *   <li>{@code unproven}: prove-committed, waiting for their first PoSt (seed 000 step 4, the
 *       "staged" sectors: no power yet);
 *   <li>{@code faults}: declared or detected faulty; {@code recoveries ⊆ faults}: declared
 *       recovered, healed by the next successful PoSt;
 *   <li>{@code prepaidFaults ⊆ faults}: faults declared for the partition's coming deadline, whose
 *       declared-fault fee is paid, so its close does not also charge them the continued-fault fee.
 * </ul>
 *
 * Every operation is pure and returns the new partition with what changed; callers turn changes in
 * active sectors into power deltas. The sets are run-length {@link BitField}s, as builtin-actors'
 * are: a partition's sectors, committed together, are a few runs of consecutive numbers, so a full
 * partition of 2,349 sectors costs a few dozen bytes rather than a tree node and a boxed number per
 * sector; each hashes as the sorted set of the same numbers did. Operations that take sectors
 * accept a bit field or any Vavr set of (non-negative) sector numbers.
 *
 * @param sectors every sector ever assigned (terminated and expired ones included)
 * @param unproven live sectors awaiting their first PoSt
 * @param faults live faulty sectors
 * @param recoveries faulty sectors declared recovered
 * @param terminated sectors terminated or expired
 * @param prepaidFaults faults whose fee for the coming deadline is paid
 * @param expirations the live sectors by quantised expiration block
 */
public record Partition(
    BitField sectors,
    BitField unproven,
    BitField faults,
    BitField recoveries,
    BitField terminated,
    BitField prepaidFaults,
    ExpirationQueue expirations) {

  /** The empty partition. */
  public static final Partition EMPTY =
      new Partition(
          BitField.empty(),
          BitField.empty(),
          BitField.empty(),
          BitField.empty(),
          BitField.empty(),
          BitField.empty(),
          ExpirationQueue.EMPTY);

  /** Sectors neither terminated nor expired. */
  public BitField live() {
    return sectors.difference(terminated);
  }

  /** Live sectors that are proven and not faulty: the ones with power. */
  public BitField active() {
    return live().difference(faults).difference(unproven);
  }

  /** Sectors a PoSt of this partition must cover: live sectors, minus faults not recovering. */
  public BitField toProve() {
    return live().difference(faults.difference(recoveries));
  }

  /** Raw power of the active sectors. */
  public long activePower(long sectorSize) {
    return Math.multiplyExact(active().count(), sectorSize);
  }

  /** Raw power of the faulty sectors. */
  public long faultyPower(long sectorSize) {
    return Math.multiplyExact(faults.count(), sectorSize);
  }

  /** Raw power of the unproven sectors. */
  public long unprovenPower(long sectorSize) {
    return Math.multiplyExact(unproven.count(), sectorSize);
  }

  /** Raw power of the sectors declared recovering. */
  public long recoveringPower(long sectorSize) {
    return Math.multiplyExact(recoveries.count(), sectorSize);
  }

  /** Raw power of the live sectors. */
  public long livePower(long sectorSize) {
    return Math.multiplyExact(live().count(), sectorSize);
  }

  /** Adds new, unproven sectors ({@code sector → expiration}) at their on-time expirations. */
  public Partition addSectors(Map<Long, Long> sectorExpirations, QuantSpec quant) {
    BitField added = bits(sectorExpirations.keySet());
    if (sectors.containsAny(added)) {
      throw new IllegalArgumentException("sectors already in the partition: " + added);
    }
    return new Partition(
        sectors.union(added),
        unproven.union(added),
        faults,
        recoveries,
        terminated,
        prepaidFaults,
        expirations.addActive(sectorExpirations, quant));
  }

  /**
   * Adds sectors that were already proven elsewhere in the deadline ({@code sector → expiration}),
   * active at once (partition compaction moves them: builtin-actors' {@code add_sectors} with
   * {@code proven = true}).
   */
  public Partition addProvenSectors(Map<Long, Long> sectorExpirations, QuantSpec quant) {
    Partition added = addSectors(sectorExpirations, quant);
    return new Partition(
        added.sectors, unproven, faults, recoveries, terminated, prepaidFaults, added.expirations);
  }

  /**
   * What declaring or detecting faults changed.
   *
   * @param partition the partition after
   * @param newFaults sectors that became faulty
   * @param lostPower new faults that were active (had power)
   * @param retractedRecoveries declared-faulty sectors whose recovery was withdrawn
   */
  public record FaultsRecorded(
      Partition partition, BitField newFaults, BitField lostPower, BitField retractedRecoveries) {}

  /**
   * Declared faults ({@code sectors ⊆ live}): sectors not yet faulty become faulty and prepaid,
   * rescheduled to terminate early at {@code faultExpiration}; declared sectors that were
   * recovering simply stop recovering (they stay faulty and are not new faults).
   */
  public FaultsRecorded declareFaults(Set<Long> declared, long faultExpiration, QuantSpec quant) {
    return declareFaults(bits(declared), faultExpiration, quant);
  }

  /** As {@link #declareFaults(Set, long, QuantSpec)}, for a bit field of sectors. */
  public FaultsRecorded declareFaults(BitField set, long faultExpiration, QuantSpec quant) {
    requireLive(set);
    return withNewFaults(set, set.difference(faults), true, faultExpiration, quant);
  }

  /**
   * Faults that pay nothing when recorded (builtin-actors' {@code record_faults} for declarations,
   * {@code record_skipped_faults} for sectors skipped in a PoSt): every named sector must belong to
   * the partition; terminated and already faulty ones are ignored; the others become faulty,
   * rescheduled to terminate early at {@code faultExpiration}; named sectors that were recovering
   * stop recovering (they stay faulty and are not new faults).
   */
  public FaultsRecorded recordFaults(Set<Long> named, long faultExpiration, QuantSpec quant) {
    return recordFaults(bits(named), faultExpiration, quant);
  }

  /** As {@link #recordFaults(Set, long, QuantSpec)}, for a bit field of sectors. */
  public FaultsRecorded recordFaults(BitField set, long faultExpiration, QuantSpec quant) {
    if (!sectors.containsAll(set)) {
      throw new IllegalArgumentException(
          "sectors not in the partition: " + set.difference(sectors));
    }
    return withNewFaults(
        set, set.intersection(live()).difference(faults), false, faultExpiration, quant);
  }

  /**
   * {@code fresh} (of {@code named}) become faulty, leave the unproven and go early in the queue;
   * {@code named} stop recovering; {@code prepay} marks the fresh faults' fee as paid.
   */
  private FaultsRecorded withNewFaults(
      BitField named, BitField fresh, boolean prepay, long faultExpiration, QuantSpec quant) {
    Partition next =
        new Partition(
            sectors,
            unproven.difference(fresh),
            faults.union(fresh),
            recoveries.difference(named),
            terminated,
            prepay ? prepaidFaults.union(fresh) : prepaidFaults,
            expirations.rescheduleAsFaults(fresh, faultExpiration, quant));
    return new FaultsRecorded(
        next, fresh, fresh.difference(unproven), named.intersection(recoveries));
  }

  /**
   * A missed PoSt (detected faults): every live sector becomes faulty, unproven ones included;
   * pending recoveries fail. Only previously active sectors lose power.
   */
  public FaultsRecorded recordMissedPoSt(long faultExpiration, QuantSpec quant) {
    BitField fresh = live().difference(faults);
    BitField lost = fresh.difference(unproven);
    Partition next =
        new Partition(
            sectors,
            BitField.empty(),
            faults.union(fresh),
            BitField.empty(),
            terminated,
            prepaidFaults,
            expirations.rescheduleAsFaults(fresh, faultExpiration, quant));
    return new FaultsRecorded(next, fresh, lost, recoveries);
  }

  /** Marks faulty sectors as recovering; power returns only with the next PoSt. */
  public Partition declareRecoveries(Set<Long> declared) {
    return declareRecoveries(bits(declared));
  }

  /** As {@link #declareRecoveries(Set)}, for a bit field of sectors. */
  public Partition declareRecoveries(BitField set) {
    if (!faults.containsAll(set)) {
      throw new IllegalArgumentException(
          "only faulty sectors can recover: " + set.difference(faults));
    }
    return new Partition(
        sectors, unproven, faults, recoveries.union(set), terminated, prepaidFaults, expirations);
  }

  /**
   * What a successful PoSt changed.
   *
   * @param partition the partition after
   * @param recovered declared recoveries that are healthy again (power returns)
   * @param activated unproven sectors proven for the first time (power starts)
   */
  public record Proven(Partition partition, BitField recovered, BitField activated) {}

  /**
   * A successful PoSt: declared recoveries leave the faults and go back to their on-time
   * expirations ({@code sectorExpirations} must hold each recovering sector's expiration), unproven
   * sectors become active.
   */
  public Proven recordProven(Map<Long, Long> sectorExpirations, QuantSpec quant) {
    BitField recovered = recoveries;
    BitField activated = unproven;
    if (!bits(sectorExpirations.keySet()).containsAll(recovered)) {
      throw new IllegalArgumentException("missing expirations of recovering sectors");
    }
    Partition next =
        new Partition(
            sectors,
            BitField.empty(),
            faults.difference(recovered),
            BitField.empty(),
            terminated,
            prepaidFaults.difference(recovered),
            recovered.isEmpty()
                ? expirations
                : expirations.rescheduleRecovered(
                    sectorExpirations.filterKeys(recovered::contains), quant));
    return new Proven(next, recovered, activated);
  }

  /** The deadline closed: prepaid faults have had the occurrence they paid for. */
  public Partition clearPrepaid() {
    return prepaidFaults.isEmpty()
        ? this
        : new Partition(
            sectors, unproven, faults, recoveries, terminated, BitField.empty(), expirations);
  }

  /**
   * Moves active sectors to new on-time expirations ({@code sector → new expiration}; an
   * extension): they leave their queue entries and join the entries of the new quantised blocks.
   */
  public Partition rescheduleExpirations(Map<Long, Long> newExpirations, QuantSpec quant) {
    BitField set = bits(newExpirations.keySet());
    if (!active().containsAll(set)) {
      throw new IllegalArgumentException("only active sectors can be rescheduled: " + set);
    }
    return withQueue(expirations.remove(set).addActive(newExpirations, quant));
  }

  /**
   * What a termination or an expiration removed.
   *
   * @param partition the partition after
   * @param removed the sectors removed
   * @param lostPower those that were active
   */
  public record Removed(Partition partition, BitField removed, BitField lostPower) {}

  /** Terminates live sectors early: they leave every set and the queue. */
  public Removed terminate(Set<Long> toTerminate) {
    return terminate(bits(toTerminate));
  }

  /** As {@link #terminate(Set)}, for a bit field of sectors. */
  public Removed terminate(BitField set) {
    requireLive(set);
    BitField lost = set.intersection(active());
    return new Removed(withoutLive(set).withQueue(expirations.remove(set)), set, lost);
  }

  /**
   * What {@link #popExpired} found.
   *
   * @param partition the partition after
   * @param onTime sectors reaching their committed expiration
   * @param early faulty sectors reaching fault max age (to be terminated)
   * @param lostPower on-time sectors that were active
   */
  public record Expired(Partition partition, BitField onTime, BitField early, BitField lostPower) {}

  /** Pops every expiration at or before {@code until}; the sectors stop being live. */
  public Expired popExpired(long until) {
    ExpirationQueue.Popped popped = expirations.popUntil(until);
    BitField all = popped.onTime().union(popped.early());
    BitField lost = popped.onTime().intersection(active());
    return new Expired(
        withoutLive(all).withQueue(popped.queue()), popped.onTime(), popped.early(), lost);
  }

  private Partition withoutLive(BitField set) {
    return new Partition(
        sectors,
        unproven.difference(set),
        faults.difference(set),
        recoveries.difference(set),
        terminated.union(set),
        prepaidFaults.difference(set),
        expirations);
  }

  private Partition withQueue(ExpirationQueue queue) {
    return new Partition(sectors, unproven, faults, recoveries, terminated, prepaidFaults, queue);
  }

  private void requireLive(BitField set) {
    if (!live().containsAll(set)) {
      throw new IllegalArgumentException(
          "sectors not live in the partition: " + set.difference(live()));
    }
  }

  /**
   * Why the partition is inconsistent, if it is: {@code recoveries ⊆ faults ⊆ live}, {@code
   * prepaidFaults ⊆ faults}, {@code unproven ⊆ live}, {@code unproven ∩ faults = ∅}, {@code
   * terminated ⊆ sectors}, and every live sector queued exactly once (terminated ones not at all).
   */
  public Option<String> inconsistency() {
    BitField live = live();
    if (!sectors.containsAll(terminated)) return Option.some("terminated ⊄ sectors");
    if (!live.containsAll(faults)) return Option.some("faults ⊄ live: " + faults.difference(live));
    if (!faults.containsAll(recoveries)) return Option.some("recoveries ⊄ faults");
    if (!faults.containsAll(prepaidFaults)) return Option.some("prepaid faults ⊄ faults");
    if (!live.containsAll(unproven)) return Option.some("unproven ⊄ live");
    if (!unproven.intersection(faults).isEmpty()) return Option.some("unproven ∩ faults ≠ ∅");
    BitField queued = expirations.allSectors();
    if (!queued.equals(live)) {
      return Option.some("queued " + queued + " ≠ live " + live);
    }
    if (expirations.placements() != live.count()) {
      for (long s : live) {
        if (expirations.occurrences(s) != 1) return Option.some("sector " + s + " queued twice");
      }
    }
    return Option.none();
  }

  /**
   * The bit field of {@code sectors}: the set itself if it is one, else its members (sector numbers
   * are non-negative; a negative one is refused with an {@link IllegalArgumentException}).
   */
  static BitField bits(Iterable<Long> sectors) {
    return sectors instanceof BitField b ? b : BitField.ofAll(sectors);
  }
}
