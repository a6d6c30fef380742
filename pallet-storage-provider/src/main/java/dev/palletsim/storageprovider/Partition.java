package dev.palletsim.storageprovider;

import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
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
 * active sectors into power deltas.
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
    TreeSet<Long> sectors,
    TreeSet<Long> unproven,
    TreeSet<Long> faults,
    TreeSet<Long> recoveries,
    TreeSet<Long> terminated,
    TreeSet<Long> prepaidFaults,
    ExpirationQueue expirations) {

  /** The empty partition. */
  public static final Partition EMPTY =
      new Partition(
          TreeSet.empty(),
          TreeSet.empty(),
          TreeSet.empty(),
          TreeSet.empty(),
          TreeSet.empty(),
          TreeSet.empty(),
          ExpirationQueue.EMPTY);

  /** Sectors neither terminated nor expired. */
  public TreeSet<Long> live() {
    return sectors.diff(terminated);
  }

  /** Live sectors that are proven and not faulty: the ones with power. */
  public TreeSet<Long> active() {
    return live().diff(faults).diff(unproven);
  }

  /** Sectors a PoSt of this partition must cover: live sectors, minus faults not recovering. */
  public TreeSet<Long> toProve() {
    return live().diff(faults.diff(recoveries));
  }

  /** Raw power of the active sectors. */
  public long activePower(long sectorSize) {
    return Math.multiplyExact(active().size(), sectorSize);
  }

  /** Raw power of the faulty sectors. */
  public long faultyPower(long sectorSize) {
    return Math.multiplyExact(faults.size(), sectorSize);
  }

  /** Raw power of the unproven sectors. */
  public long unprovenPower(long sectorSize) {
    return Math.multiplyExact(unproven.size(), sectorSize);
  }

  /** Raw power of the sectors declared recovering. */
  public long recoveringPower(long sectorSize) {
    return Math.multiplyExact(recoveries.size(), sectorSize);
  }

  /** Raw power of the live sectors. */
  public long livePower(long sectorSize) {
    return Math.multiplyExact(live().size(), sectorSize);
  }

  /** Adds new, unproven sectors ({@code sector → expiration}) at their on-time expirations. */
  public Partition addSectors(Map<Long, Long> sectorExpirations, QuantSpec quant) {
    TreeSet<Long> added = TreeSet.ofAll(sectorExpirations.keySet());
    if (!sectors.intersect(added).isEmpty()) {
      throw new IllegalArgumentException("sectors already in the partition: " + added);
    }
    return new Partition(
        sectors.addAll(added),
        unproven.addAll(added),
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
      Partition partition,
      TreeSet<Long> newFaults,
      TreeSet<Long> lostPower,
      TreeSet<Long> retractedRecoveries) {}

  /**
   * Declared faults ({@code sectors ⊆ live}): sectors not yet faulty become faulty and prepaid,
   * rescheduled to terminate early at {@code faultExpiration}; declared sectors that were
   * recovering simply stop recovering (they stay faulty and are not new faults).
   */
  public FaultsRecorded declareFaults(Set<Long> declared, long faultExpiration, QuantSpec quant) {
    TreeSet<Long> set = TreeSet.ofAll(declared);
    requireLive(set);
    return withNewFaults(set, set.diff(faults), true, faultExpiration, quant);
  }

  /**
   * Faults that pay nothing when recorded (builtin-actors' {@code record_faults} for declarations,
   * {@code record_skipped_faults} for sectors skipped in a PoSt): every named sector must belong to
   * the partition; terminated and already faulty ones are ignored; the others become faulty,
   * rescheduled to terminate early at {@code faultExpiration}; named sectors that were recovering
   * stop recovering (they stay faulty and are not new faults).
   */
  public FaultsRecorded recordFaults(Set<Long> named, long faultExpiration, QuantSpec quant) {
    TreeSet<Long> set = TreeSet.ofAll(named);
    if (!sectors.containsAll(set)) {
      throw new IllegalArgumentException("sectors not in the partition: " + set.diff(sectors));
    }
    return withNewFaults(set, set.intersect(live()).diff(faults), false, faultExpiration, quant);
  }

  /**
   * {@code fresh} (of {@code named}) become faulty, leave the unproven and go early in the queue;
   * {@code named} stop recovering; {@code prepay} marks the fresh faults' fee as paid.
   */
  private FaultsRecorded withNewFaults(
      TreeSet<Long> named,
      TreeSet<Long> fresh,
      boolean prepay,
      long faultExpiration,
      QuantSpec quant) {
    Partition next =
        new Partition(
            sectors,
            unproven.diff(fresh),
            faults.addAll(fresh),
            recoveries.diff(named),
            terminated,
            prepay ? prepaidFaults.addAll(fresh) : prepaidFaults,
            expirations.rescheduleAsFaults(fresh, faultExpiration, quant));
    return new FaultsRecorded(next, fresh, fresh.diff(unproven), named.intersect(recoveries));
  }

  /**
   * A missed PoSt (detected faults): every live sector becomes faulty, unproven ones included;
   * pending recoveries fail. Only previously active sectors lose power.
   */
  public FaultsRecorded recordMissedPoSt(long faultExpiration, QuantSpec quant) {
    TreeSet<Long> fresh = live().diff(faults);
    TreeSet<Long> lost = fresh.diff(unproven);
    Partition next =
        new Partition(
            sectors,
            TreeSet.empty(),
            faults.addAll(fresh),
            TreeSet.empty(),
            terminated,
            prepaidFaults,
            expirations.rescheduleAsFaults(fresh, faultExpiration, quant));
    return new FaultsRecorded(next, fresh, lost, recoveries);
  }

  /** Marks faulty sectors as recovering; power returns only with the next PoSt. */
  public Partition declareRecoveries(Set<Long> declared) {
    TreeSet<Long> set = TreeSet.ofAll(declared);
    if (!faults.containsAll(set)) {
      throw new IllegalArgumentException("only faulty sectors can recover: " + set.diff(faults));
    }
    return new Partition(
        sectors, unproven, faults, recoveries.addAll(set), terminated, prepaidFaults, expirations);
  }

  /**
   * What a successful PoSt changed.
   *
   * @param partition the partition after
   * @param recovered declared recoveries that are healthy again (power returns)
   * @param activated unproven sectors proven for the first time (power starts)
   */
  public record Proven(Partition partition, TreeSet<Long> recovered, TreeSet<Long> activated) {}

  /**
   * A successful PoSt: declared recoveries leave the faults and go back to their on-time
   * expirations ({@code sectorExpirations} must hold each recovering sector's expiration), unproven
   * sectors become active.
   */
  public Proven recordProven(Map<Long, Long> sectorExpirations, QuantSpec quant) {
    TreeSet<Long> recovered = recoveries;
    TreeSet<Long> activated = unproven;
    if (!TreeSet.ofAll(sectorExpirations.keySet()).containsAll(recovered)) {
      throw new IllegalArgumentException("missing expirations of recovering sectors");
    }
    Partition next =
        new Partition(
            sectors,
            TreeSet.empty(),
            faults.diff(recovered),
            TreeSet.empty(),
            terminated,
            prepaidFaults.diff(recovered),
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
            sectors, unproven, faults, recoveries, terminated, TreeSet.empty(), expirations);
  }

  /**
   * Moves active sectors to new on-time expirations ({@code sector → new expiration}; an
   * extension): they leave their queue entries and join the entries of the new quantised blocks.
   */
  public Partition rescheduleExpirations(Map<Long, Long> newExpirations, QuantSpec quant) {
    TreeSet<Long> set = TreeSet.ofAll(newExpirations.keySet());
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
  public record Removed(Partition partition, TreeSet<Long> removed, TreeSet<Long> lostPower) {}

  /** Terminates live sectors early: they leave every set and the queue. */
  public Removed terminate(Set<Long> toTerminate) {
    TreeSet<Long> set = TreeSet.ofAll(toTerminate);
    requireLive(set);
    TreeSet<Long> lost = set.intersect(active());
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
  public record Expired(
      Partition partition, TreeSet<Long> onTime, TreeSet<Long> early, TreeSet<Long> lostPower) {}

  /** Pops every expiration at or before {@code until}; the sectors stop being live. */
  public Expired popExpired(long until) {
    ExpirationQueue.Popped popped = expirations.popUntil(until);
    TreeSet<Long> all = popped.onTime().addAll(popped.early());
    TreeSet<Long> lost = popped.onTime().intersect(active());
    return new Expired(
        withoutLive(all).withQueue(popped.queue()), popped.onTime(), popped.early(), lost);
  }

  private Partition withoutLive(TreeSet<Long> set) {
    return new Partition(
        sectors,
        unproven.diff(set),
        faults.diff(set),
        recoveries.diff(set),
        terminated.addAll(set),
        prepaidFaults.diff(set),
        expirations);
  }

  private Partition withQueue(ExpirationQueue queue) {
    return new Partition(sectors, unproven, faults, recoveries, terminated, prepaidFaults, queue);
  }

  private void requireLive(TreeSet<Long> set) {
    if (!live().containsAll(set)) {
      throw new IllegalArgumentException("sectors not live in the partition: " + set.diff(live()));
    }
  }

  /**
   * Why the partition is inconsistent, if it is: {@code recoveries ⊆ faults ⊆ live}, {@code
   * prepaidFaults ⊆ faults}, {@code unproven ⊆ live}, {@code unproven ∩ faults = ∅}, {@code
   * terminated ⊆ sectors}, and every live sector queued exactly once (terminated ones not at all).
   */
  public Option<String> inconsistency() {
    TreeSet<Long> live = live();
    if (!sectors.containsAll(terminated)) return Option.some("terminated ⊄ sectors");
    if (!live.containsAll(faults)) return Option.some("faults ⊄ live: " + faults.diff(live));
    if (!faults.containsAll(recoveries)) return Option.some("recoveries ⊄ faults");
    if (!faults.containsAll(prepaidFaults)) return Option.some("prepaid faults ⊄ faults");
    if (!live.containsAll(unproven)) return Option.some("unproven ⊄ live");
    if (!unproven.intersect(faults).isEmpty()) return Option.some("unproven ∩ faults ≠ ∅");
    TreeSet<Long> queued = expirations.allSectors();
    if (!queued.equals(live)) {
      return Option.some("queued " + queued + " ≠ live " + live);
    }
    for (Long s : live) {
      if (expirations.occurrences(s) != 1) return Option.some("sector " + s + " queued twice");
    }
    return Option.none();
  }
}
