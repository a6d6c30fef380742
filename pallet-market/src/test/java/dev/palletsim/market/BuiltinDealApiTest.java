package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.block;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/deal_api_test.rs}: the deal getters ({@link
 * MarketPallet#dealProposal}, {@link MarketPallet#dealActivation}, {@link MarketPallet#dealSector})
 * with builtin-actors' failure codes 17, 32 and 33, under {@link MarketConfig#filecoin()}.
 */
class BuiltinDealApiTest {

  @Test
  void proposalData() {
    long startEpoch = 1000;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    var h = BuiltinMarketHarness.setupAt(1);
    DealProposal proposal = h.generateDealAndAddFunds(CLIENT, PROVIDER, startEpoch, endEpoch);
    long id = h.publishDeals(proposal).single();

    DealProposal p = h.market.dealProposal(h.chain.world(), id).get();
    // GetDealDataCommitment, GetDealClient, GetDealProvider, GetDealLabel
    assertThat(p.pieceCid()).isEqualTo(proposal.pieceCid());
    assertThat(p.pieceSize()).isEqualTo(proposal.pieceSize());
    assertThat(p.client()).isEqualTo(proposal.client());
    assertThat(p.provider()).isEqualTo(proposal.provider());
    assertThat(p.label()).isEqualTo("label");
    // GetDealTerm, GetDealTotalPrice, GetDealClientCollateral, GetDealProviderCollateral
    assertThat(p.startBlock()).isEqualTo(block(startEpoch));
    assertThat(p.duration()).isEqualTo(200 * EPOCHS_IN_DAY);
    assertThat(p.totalStorageFee()).isEqualTo(10 * 200 * EPOCHS_IN_DAY);
    assertThat(p.clientCollateral()).isEqualTo(10);
    assertThat(p.providerCollateral()).isEqualTo(10);
    // GetDealVerified
    assertThat(p.verifiedDeal()).isFalse();
    h.checkState();
  }

  @Test
  void activation() {
    long startEpoch = 10;
    long endEpoch = startEpoch + 180 * EPOCHS_IN_DAY;
    var h = BuiltinMarketHarness.setupAt(1);
    long id = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch).id();
    var world = h.chain.world();
    assertThat(h.market.dealActivation(world, id))
        .isEqualTo(Either.right(new DealActivation(-1, -1)));
    assertThat(h.market.dealSector(world, id)).isEqualTo(Either.left(MarketError.DealNotActivated));
    assertThat(MarketError.DealNotActivated.exitCode().value()).isEqualTo(33);

    // activate the deal
    long activateEpoch = startEpoch - 2;
    long sectorNumber = 7;
    h.activateDeals(endEpoch + 1, PROVIDER, activateEpoch, sectorNumber, id);
    world = h.chain.world();
    assertThat(h.market.dealActivation(world, id))
        .isEqualTo(Either.right(new DealActivation(block(activateEpoch), -1)));
    assertThat(h.market.dealSector(world, id)).isEqualTo(Either.right(sectorNumber));

    // terminate early: the terminated deal has its state cleaned up
    h.setEpoch(activateEpoch + 100);
    h.terminateDeals(PROVIDER, List.of(sectorNumber), List.of(id));
    world = h.chain.world();
    assertThat(h.market.dealActivation(world, id)).isEqualTo(Either.left(MarketError.DealExpired));

    // a deal never published is not found
    assertThat(h.market.dealActivation(world, id + 1))
        .isEqualTo(Either.left(MarketError.DealNotFound));
    assertThat(h.market.dealSector(world, id + 1)).isEqualTo(Either.left(MarketError.DealNotFound));
    assertThat(h.market.dealProposal(world, id + 1))
        .isEqualTo(Either.left(MarketError.DealNotFound));
    assertThat(MarketError.DealNotFound.exitCode().value()).isEqualTo(17);
  }
}
