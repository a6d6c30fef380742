package dev.palletsim.market;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.BatchActivation;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import io.vavr.collection.Seq;
import java.util.function.Supplier;

/**
 * A test-only pallet standing in for the storage provider pallet: each call invokes one {@link
 * Market} coupling method as the signing provider, inside a real transaction, and reports the
 * result as an event. A failing coupling call fails the extrinsic like any other.
 */
final class ProviderHarness implements Pallet {
  static final String NAME = "ProviderHarness";

  private final Supplier<Market> market;

  ProviderHarness(Couplings couplings) {
    this.market = couplings.lazy(Market.class);
  }

  @Override
  public String name() {
    return NAME;
  }

  sealed interface HarnessCall extends Call<ProviderHarness> {
    @Override
    default Class<ProviderHarness> palletType() {
      return ProviderHarness.class;
    }
  }

  /** {@code verifyDealsForActivation} as the caller. */
  record Verify(Seq<SectorDeals> sectors) implements HarnessCall {
    @Override
    public void dispatch(ProviderHarness p, Tx tx, Origin origin) {
      AccountId who = Origin.ensureSigned(origin);
      tx.deposit(new Verified(p.market.get().verifyDealsForActivation(tx, who, sectors)));
    }
  }

  /** {@code activateDeals} as the caller. */
  record Activate(Seq<SectorDeals> sectors) implements HarnessCall {
    @Override
    public void dispatch(ProviderHarness p, Tx tx, Origin origin) {
      AccountId who = Origin.ensureSigned(origin);
      tx.deposit(new Activated(p.market.get().activateDeals(tx, who, sectors)));
    }
  }

  /** {@code batchActivateDeals} as the caller. */
  record BatchActivate(Seq<SectorDeals> sectors) implements HarnessCall {
    @Override
    public void dispatch(ProviderHarness p, Tx tx, Origin origin) {
      AccountId who = Origin.ensureSigned(origin);
      tx.deposit(new BatchActivated(p.market.get().batchActivateDeals(tx, who, sectors)));
    }
  }

  /** {@code sectorContentChanged} as the caller. */
  record ContentChanged(Seq<Market.SectorChanges> sectors) implements HarnessCall {
    @Override
    public void dispatch(ProviderHarness p, Tx tx, Origin origin) {
      AccountId who = Origin.ensureSigned(origin);
      tx.deposit(new ContentAnswered(p.market.get().sectorContentChanged(tx, who, sectors)));
    }
  }

  /** {@code onSectorsTerminate} as the caller. */
  record Terminate(Seq<Long> sectors) implements HarnessCall {
    @Override
    public void dispatch(ProviderHarness p, Tx tx, Origin origin) {
      p.market.get().onSectorsTerminate(tx, Origin.ensureSigned(origin), sectors);
    }
  }

  /** {@code computeDataCommitment}. */
  record CommD(Seq<Long> dealIds, long sectorSize) implements HarnessCall {
    @Override
    public void dispatch(ProviderHarness p, Tx tx, Origin origin) {
      Origin.ensureSigned(origin);
      tx.deposit(new Commitment(p.market.get().computeDataCommitment(tx, dealIds, sectorSize)));
    }
  }

  /** What {@code verifyDealsForActivation} returned. */
  record Verified(Seq<SectorDealInfo> infos) implements Event {
    @Override
    public String pallet() {
      return NAME;
    }
  }

  /** What {@code activateDeals} returned. */
  record Activated(Seq<SectorDealInfo> infos) implements Event {
    @Override
    public String pallet() {
      return NAME;
    }
  }

  /** What {@code batchActivateDeals} returned. */
  record BatchActivated(BatchActivation results) implements Event {
    @Override
    public String pallet() {
      return NAME;
    }
  }

  /** What {@code sectorContentChanged} returned. */
  record ContentAnswered(Market.SectorContentChangedReturn answer) implements Event {
    @Override
    public String pallet() {
      return NAME;
    }
  }

  /** What {@code computeDataCommitment} returned. */
  record Commitment(Cid commD) implements Event {
    @Override
    public String pallet() {
      return NAME;
    }
  }
}
