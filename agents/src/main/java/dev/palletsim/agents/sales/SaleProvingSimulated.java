package dev.palletsim.agents.sales;

import io.vavr.collection.Vector;

/**
 * Seed 003's {@code SaleProvingSimulated}: as {@link SaleProving}, for a provider that makes every
 * N-th Window PoSt invalid ({@code invalid-post-every}) or each with a probability ({@code
 * invalid-post-probability}), as nim-codex's simulated proving submits an invalid proof every N
 * proofs. The chain rejects each such PoSt ({@code InvalidProof}); the deadline closes with its
 * partitions unproven, their sectors are detected faulty (power removed, the detected-fault penalty
 * charged) and, declared recovered, proven again at a later deadline. The deal's end reached →
 * {@link SalePayout}; its sector terminated (faulty for {@code FaultMaxAge}) → {@link SaleFailed}.
 */
public record SaleProvingSimulated() implements SaleState.WithDeal {
  @Override
  public SalePhase phase() {
    return SalePhase.ACTIVE;
  }

  @Override
  public String description() {
    return "activated, with a provider that makes some Window PoSts invalid on purpose";
  }

  @Override
  public void run(Vector<Sale> sales, SalesContext c) {
    SaleProving.toPayoutWhenEnded(sales, c);
  }
}
