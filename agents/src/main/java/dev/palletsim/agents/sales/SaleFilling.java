package dev.palletsim.agents.sales;

import static dev.palletsim.agents.sales.SalesContext.describe;
import static dev.palletsim.agents.sales.SalesContext.exhausted;

import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.storageprovider.ProveCommitSector;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderError;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.TreeMap;

/**
 * Seed 003's {@code SaleFilling}, second half of Filecoin's PoRep: once the interactive seed of the
 * sector's pre-commit is stable, prove-commit it ({@code prove_commit_sectors}: the pre-commit
 * deposit released, the initial pledge locked, the deals activated), which fills the slot. Proven →
 * {@link SaleFilled}; the deal found activated on chain (seed 003's {@code SlotFilled}) → {@link
 * SaleFilled}; the prove-commit refused → {@link SaleErrored} (the market will time the deal out).
 *
 * <p>A provider making invalid PoReps ({@code invalid-porep-every}, {@code
 * invalid-porep-probability}: seed 003's simulated proof failures applied to the initial proof)
 * flips a byte of the proof; the chain rejects it ({@code InvalidProof}, counted {@code
 * porep.invalid}) and the sale stays here to prove again in the next block, until the pre-commit's
 * window or the deal's start runs out and the market times the deal out.
 */
public record SaleFilling() implements SaleState.WithDeal {
  @Override
  public SalePhase phase() {
    return SalePhase.PROVING;
  }

  @Override
  public String description() {
    return "pre-committed: waiting for the interactive seed, then prove-committing the sector"
        + " (activation)";
  }

  @Override
  public void run(Vector<Sale> sales, SalesContext c) {
    Sales m = c.sales();
    long now = c.now();
    TreeMap<Long, Vector<Sale>> bySector = new TreeMap<>();
    for (Sale s : sales) {
      if (now >= s.provableAt()) bySector.merge(s.sector(), Vector.of(s), Vector::appendAll);
    }
    for (var e : bySector.entrySet()) {
      Option<ProveCommitSector> proof = m.ops().proveCommit(c.view(), m.me(), e.getKey(), now);
      if (proof.isEmpty()) continue; // pre-commit gone: the deals time out, reconcile sees it
      boolean invalid = m.invalidProofs().nextPoRepInvalid(c.random());
      ProveCommitSector submitted =
          invalid
              ? new ProveCommitSector(e.getKey(), proof.get().proof().withByteFlipped(0))
              : proof.get();
      DispatchOutcome out =
          c.submit(new StorageProviderCall.ProveCommitSectors(List.of(submitted)));
      if (exhausted(out)) return;
      if (invalid) c.count("porep.invalid");
      if (!out.isSuccess()) {
        if (invalid && out.failedWith(StorageProviderError.InvalidProof)) continue;
        for (Sale s : e.getValue()) {
          s.waitingForTimeout(true);
          c.move(s, new SaleErrored(), "prove-commit failed: " + describe(out));
        }
        continue;
      }
      c.count("sp.sectors_proven");
      for (Sale s : e.getValue()) c.move(s, new SaleFilled(), "");
    }
  }

  /** The deal was activated without this state's prove-commit: the slot is filled. */
  @Override
  public void on(SaleEvent event, Sale sale, SalesContext c) {
    if (event instanceof SaleEvent.DealActivated) {
      c.move(sale, new SaleFilled(), "");
    } else {
      SaleState.WithDeal.super.on(event, sale, c);
    }
  }
}
