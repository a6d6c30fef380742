package dev.palletsim.agents.sales;

import static dev.palletsim.agents.sales.SalesContext.describe;
import static dev.palletsim.agents.sales.SalesContext.exhausted;

import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.storageprovider.SectorPreCommitInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * Seed 003's {@code SaleInitialProving}, first half of Filecoin's PoRep: seal the deal's sector
 * with the randomness of the block before (a challenge already stable) and pre-commit it, one
 * sector per deal or {@code deals-per-sector} packed first fit by decreasing size. Pre-committed →
 * {@link SaleFilling}, which proves it once the interactive seed is stable. Too late to seal before
 * the deal starts: the sale waits here for the market to time the deal out (→ {@link SaleFailed} by
 * {@link SaleState.WithDeal}'s reaction); the pre-commit refused, or a deal ending after the
 * longest sector → {@link SaleErrored}. A block without room retries in the next.
 */
public record SaleInitialProving() implements SaleState.WithDeal {
  @Override
  public SalePhase phase() {
    return SalePhase.PRE_COMMITTING;
  }

  @Override
  public String description() {
    return "published: sealing the sector and submitting its pre-commit";
  }

  @Override
  public void run(Vector<Sale> sales, SalesContext c) {
    Sales m = c.sales();
    long now = c.now();
    World view = c.view();
    long sealBy = now + m.sp().config().preCommitChallengeDelay() + 1;
    Vector<Sale> ready = Vector.empty();
    for (Sale s : sales) {
      if (s.waitingForTimeout()) continue;
      if (s.proposal().get().startBlock() < sealBy) {
        // too late to prove before the deal starts: the market will time it out
        s.waitingForTimeout(true);
        c.count("sp.too_late_to_seal");
        continue;
      }
      ready = ready.append(s);
    }
    if (ready.isEmpty() || m.sp().provider(view, m.me()).isEmpty()) return;
    for (Vector<Sale> sector : pack(ready, m)) {
      long number = m.nextSector();
      long maxEnd = sector.map(s -> s.proposal().get().endBlock()).max().get();
      long expiration = Math.max(maxEnd, m.ops().minimumExpiration(now));
      if (expiration > now + m.sp().config().maxSectorExpiration()) {
        for (Sale s : sector) c.move(s, new SaleErrored(), "deal ends after the longest sector");
        continue;
      }
      Seq<Long> deals = sector.map(Sale::dealId);
      SectorPreCommitInfo info = m.ops().preCommit(view, m.me(), number, deals, expiration, now);
      DispatchOutcome out = c.submit(new StorageProviderCall.PreCommitSectors(List.of(info)));
      if (exhausted(out)) return;
      if (out.failedWith(StorageProviderError.SectorNumberAlreadyUsed)) {
        m.sectorAllocated(number);
        return;
      }
      if (!out.isSuccess()) {
        for (Sale s : sector) c.move(s, new SaleErrored(), "pre-commit failed: " + describe(out));
        continue;
      }
      m.sectorAllocated(number);
      long provable = m.sp().interactiveSeedBlock(now) + 1;
      for (Sale s : sector) {
        s.sector(number);
        s.provableAt(provable);
        c.move(s, new SaleFilling(), "");
      }
      c.count("sp.sectors_pre_committed");
      view = c.view();
    }
  }

  /** Groups deals into sectors: one each, or first-fit by decreasing piece size. */
  private static Vector<Vector<Sale>> pack(Vector<Sale> ready, Sales m) {
    if (m.terms().dealsPerSector() == 1) return ready.map(s -> Vector.of(s));
    long size = m.ops().sectorSize();
    int perSector = Math.min(m.terms().dealsPerSector(), m.sp().config().maxDealsPerSector());
    java.util.List<Vector<Sale>> bins = new ArrayList<>();
    java.util.List<Long> used = new ArrayList<>();
    Vector<Sale> bySize =
        ready.sortBy(
            Comparator.comparingLong(Sale::pieceSize).reversed().thenComparingLong(Sale::id),
            s -> s);
    for (Sale s : bySize) {
      int placed = -1;
      for (int i = 0; i < bins.size() && placed < 0; i++) {
        if (bins.get(i).size() < perSector && used.get(i) + s.pieceSize() <= size) placed = i;
      }
      if (placed < 0) {
        bins.add(Vector.of(s));
        used.add(s.pieceSize());
      } else {
        bins.set(placed, bins.get(placed).append(s));
        used.set(placed, used.get(placed) + s.pieceSize());
      }
    }
    return Vector.ofAll(bins);
  }
}
