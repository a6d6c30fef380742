package dev.palletsim.agents.sales;

import dev.palletsim.agents.board.DealBoard;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.TreeMap;

/**
 * A storage provider's availabilities and the reservations its sales hold on them: seed 003's
 * {@code Reservations} (nim-codex {@code reservations.nim}, reference/collators-and-codex.md §6.2)
 * with sizes in bytes, durations in blocks and prices in planck per byte per block.
 *
 * <p>A sale {@linkplain #reserve reserves} the piece's bytes and the provider collateral on the
 * first {@linkplain #find matching} availability; every terminal state {@linkplain #release
 * releases} the reservation: all its bytes, and the collateral the market did not slash. Releasing
 * (or {@linkplain #add adding} an availability) reports whether an availability grew, which resumes
 * the opportunity queue (seed 003's {@code OnAvailabilitySaved}).
 */
public final class Reservations {
  /**
   * What a provider offers: {@code totalSize} bytes for deals of {@code minDuration} to {@code
   * maxDuration} blocks paying at least {@code minPricePerBytePerBlock}, backed by a collateral
   * budget; {@code until} (0: none) is the last block a deal may end.
   *
   * @param id its number, from 1
   * @param totalSize bytes offered
   * @param freeSize bytes not reserved (negative only after a recovery found more deals than fit)
   * @param minDuration the shortest deal, blocks
   * @param maxDuration the longest deal, blocks
   * @param minPricePerBytePerBlock the least price per byte and block, planck
   * @param totalCollateral the collateral budget, planck
   * @param remainingCollateral the budget not reserved
   * @param until the last block a deal may end, 0 for no limit
   */
  public record Availability(
      int id,
      long totalSize,
      long freeSize,
      long minDuration,
      long maxDuration,
      long minPricePerBytePerBlock,
      long totalCollateral,
      long remainingCollateral,
      long until) {

    /**
     * Whether a piece of {@code size} bytes for {@code duration} blocks at {@code pricePerBlock},
     * requiring {@code collateral} and ending at {@code end}, fits (nim-codex {@code
     * findAvailability}): size ≤ free, duration within bounds, price ≥ minimum × size, collateral ≤
     * remaining and collateral per byte ≤ remaining collateral per free byte, end ≤ until.
     */
    public boolean fits(long size, long duration, long pricePerBlock, long collateral, long end) {
      if (size <= 0 || size > freeSize) return false;
      if (!acceptsTerms(duration, pricePerBlock, size, end)) return false;
      if (collateral > remainingCollateral) return false;
      BigInteger lhs = BigInteger.valueOf(collateral).multiply(BigInteger.valueOf(freeSize));
      BigInteger rhs = BigInteger.valueOf(remainingCollateral).multiply(BigInteger.valueOf(size));
      return lhs.compareTo(rhs) <= 0;
    }

    /** Whether the terms (not the space) would fit: used to place recovered deals. */
    boolean acceptsTerms(long duration, long pricePerBlock, long size, long end) {
      return duration >= minDuration
          && duration <= maxDuration
          && pricePerBlock >= DealBoard.saturatingMul(minPricePerBytePerBlock, size)
          && (until == 0 || end <= until);
    }

    Availability with(long free, long remaining) {
      return new Availability(
          id,
          totalSize,
          free,
          minDuration,
          maxDuration,
          minPricePerBytePerBlock,
          totalCollateral,
          remaining,
          until);
    }
  }

  /**
   * The bytes and collateral one sale holds on one availability.
   *
   * @param sale the sale's id
   * @param availability the availability's id
   * @param size bytes held
   * @param collateral collateral held
   */
  public record Reservation(long sale, int availability, long size, long collateral) {}

  /**
   * The terms of a new availability, as a scenario gives them.
   *
   * @param size bytes offered
   * @param minDuration the shortest deal
   * @param maxDuration the longest deal
   * @param minPricePerBytePerBlock the least price per byte and block
   * @param collateral the collateral budget
   * @param until the last block a deal may end (0: none)
   */
  public record Offer(
      long size,
      long minDuration,
      long maxDuration,
      long minPricePerBytePerBlock,
      long collateral,
      long until) {
    /** Checks the terms. */
    public Offer {
      if (size < 0) throw new IllegalArgumentException("capacity must not be negative");
      if (minDuration < 0 || maxDuration < minDuration) {
        throw new IllegalArgumentException(
            "durations must satisfy 0 ≤ min-duration ≤ max-duration");
      }
      if (minPricePerBytePerBlock < 0 || collateral < 0 || until < 0) {
        throw new IllegalArgumentException("prices, collateral and until must not be negative");
      }
    }
  }

  private final TreeMap<Integer, Availability> availabilities = new TreeMap<>();
  private final TreeMap<Long, Reservation> reservations = new TreeMap<>();

  /** Creates an availability from {@code offer}; returns it. */
  public Availability add(Offer offer) {
    int id = availabilities.isEmpty() ? 1 : availabilities.lastKey() + 1;
    Availability a =
        new Availability(
            id,
            offer.size(),
            offer.size(),
            offer.minDuration(),
            offer.maxDuration(),
            offer.minPricePerBytePerBlock(),
            offer.collateral(),
            offer.collateral(),
            offer.until());
    availabilities.put(id, a);
    return a;
  }

  /** The first availability that fits (see {@link Availability#fits}). */
  public Option<Availability> find(
      long size, long duration, long pricePerBlock, long collateral, long end) {
    for (Availability a : availabilities.values()) {
      if (a.fits(size, duration, pricePerBlock, collateral, end)) return Option.some(a);
    }
    return Option.none();
  }

  /** Reserves {@code size} bytes and {@code collateral} of availability {@code id} for a sale. */
  public Reservation reserve(long sale, int id, long size, long collateral) {
    Availability a = availabilities.get(id);
    if (a == null) throw new IllegalArgumentException("no availability " + id);
    if (reservations.containsKey(sale))
      throw new IllegalStateException("sale " + sale + " holds a reservation");
    availabilities.put(id, a.with(a.freeSize() - size, a.remainingCollateral() - collateral));
    Reservation r = new Reservation(sale, id, size, collateral);
    reservations.put(sale, r);
    return r;
  }

  /**
   * Reserves for a deal found on chain at a restart: on the first availability whose terms it
   * meets, else the first one, even if that leaves it over-committed (negative free bytes: no new
   * sale fits until enough deals end). None if there is no availability at all.
   */
  public Option<Reservation> restore(
      long sale, long size, long collateral, long duration, long pricePerBlock, long end) {
    if (availabilities.isEmpty()) return Option.none();
    Availability chosen = availabilities.firstEntry().getValue();
    for (Availability a : availabilities.values()) {
      if (a.acceptsTerms(duration, pricePerBlock, size, end)) {
        chosen = a;
        break;
      }
    }
    return Option.some(reserve(sale, chosen.id(), size, collateral));
  }

  /**
   * Ends the reservation of {@code sale}: its bytes go back to the availability with {@code
   * returnedCollateral} (at most what it held; what the market slashed is gone from the budget).
   * Returns whether the availability grew.
   */
  public boolean release(long sale, long returnedCollateral) {
    Reservation r = reservations.remove(sale);
    if (r == null) return false;
    long back = Math.max(0, Math.min(returnedCollateral, r.collateral()));
    Availability a = availabilities.get(r.availability());
    availabilities.put(a.id(), a.with(a.freeSize() + r.size(), a.remainingCollateral() + back));
    return r.size() > 0 || back > 0;
  }

  /** The reservation of {@code sale}, if it holds one. */
  public Option<Reservation> of(long sale) {
    return Option.of(reservations.get(sale));
  }

  /** Every availability, by id. */
  public Vector<Availability> availabilities() {
    return Vector.ofAll(availabilities.values());
  }

  /** Every reservation, by sale. */
  public Vector<Reservation> reservations() {
    return Vector.ofAll(reservations.values());
  }

  /**
   * The availabilities and reservations, for a saved run.
   *
   * @param availabilities every availability, by id
   * @param reservations every reservation, by sale
   */
  public record Memory(Vector<Availability> availabilities, Vector<Reservation> reservations) {}

  /** The availabilities and reservations as they stand. */
  public Memory memory() {
    return new Memory(availabilities(), reservations());
  }

  /** Replaces the content by what {@code memory} holds. */
  public void restore(Memory memory) {
    availabilities.clear();
    reservations.clear();
    for (Availability a : memory.availabilities()) availabilities.put(a.id(), a);
    for (Reservation r : memory.reservations()) reservations.put(r.sale(), r);
  }

  /** Bytes reserved by sales. */
  public long reservedBytes() {
    long s = 0;
    for (Reservation r : reservations.values()) s += r.size();
    return s;
  }
}
