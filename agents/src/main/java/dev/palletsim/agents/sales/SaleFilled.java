package dev.palletsim.agents.sales;

/**
 * Seed 003's {@code SaleFilled}: the deal is activated in the provider's sector (the slot is filled
 * by this host); the sale goes on proving it → {@link SaleProving}, or {@link SaleProvingSimulated}
 * when the provider makes invalid Window PoSts (nim-codex chooses the same way, on {@code
 * simulateProofFailures}).
 */
public record SaleFilled() implements SaleState.WithDeal {
  @Override
  public SalePhase phase() {
    return SalePhase.ACTIVE;
  }

  @Override
  public String description() {
    return "the deal is activated in the provider's sector";
  }

  @Override
  public void enter(Sale sale, SalesContext c) {
    sale.activated(true);
    SaleState next =
        c.sales().invalidProofs().simulatesPoStFailures()
            ? new SaleProvingSimulated()
            : new SaleProving();
    c.move(sale, next, "");
  }
}
