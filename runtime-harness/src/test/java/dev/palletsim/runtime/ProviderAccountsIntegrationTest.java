package dev.palletsim.runtime;

import static dev.palletsim.runtime.StorageNetwork.CLIENT;
import static dev.palletsim.runtime.StorageNetwork.CLIENT_ID;
import static dev.palletsim.runtime.StorageNetwork.SP_ID;
import static dev.palletsim.runtime.StorageNetwork.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.PeerId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketError;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderError;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * A provider run by its worker and paid to its owner, across the real pallets: the market asks the
 * storage provider pallet who controls the provider ({@code StorageProviderValidation}), the worker
 * publishes, seals and proves, the owner funds the market escrow and takes the provider's funds out
 * of both pallets, and the provider's own account, holding no role, may do none of it. Every
 * pallet's invariants and the cross-pallet ones are checked after every block.
 */
class ProviderAccountsIntegrationTest {
  static final AccountId OWNER = Keyring.account("sp-1-owner");
  static final AccountId WORKER = Keyring.account("sp-1-worker");
  static final Option<AccountId> SP = Option.some(SP_ID);

  @Test
  void theWorkerRunsTheProviderAndTheOwnerIsPaid() {
    StorageNetwork n = StorageNetwork.testnet(7);
    require(
        n.chain.dispatch(
            SP_ID,
            new StorageProviderCall.RegisterStorageProvider(
                new PeerId("12D3KooW-sp-1"),
                n.ops.postProofType(),
                Option.none(),
                Option.some(OWNER),
                Option.some(WORKER),
                Option.none())));
    // the owner needs funds of its own: it is paid, and it funds the provider's escrow
    require(
        n.chain.dispatch(
            SP_ID,
            new dev.palletsim.frame.balances.BalancesCall.TransferAllowDeath(
                OWNER, 200 * Units.TOKEN)));
    // the worker signs the provider's extrinsics, so it pays their transaction fees
    require(
        n.chain.dispatch(
            SP_ID,
            new dev.palletsim.frame.balances.BalancesCall.TransferAllowDeath(
                WORKER, 10 * Units.TOKEN)));
    require(n.chain.dispatch(OWNER, new MarketCall.AddBalance(50 * Units.TOKEN, SP)));
    n.addBalance(CLIENT_ID, 100 * Units.TOKEN);
    assertThat(n.market.escrowBalance(n.chain.world(), SP_ID)).isEqualTo(50 * Units.TOKEN);

    long start = n.now() + 100;
    DealProposal p =
        new DealProposal(
            Commitments.piece("accounts"),
            1024,
            false,
            CLIENT_ID,
            SP_ID,
            "accounts",
            start,
            start + 400,
            1_000_000,
            Units.TOKEN,
            Units.TOKEN / 2);
    var publish = new MarketCall.PublishStorageDeals(List.of(ProviderOps.signed(p, CLIENT)));
    // the provider's own account holds no role any more
    assertThat(n.chain.dispatch(SP_ID, publish).failedWith(MarketError.CallerNotProviderOrClient))
        .isTrue();
    long deal =
        require(n.chain.dispatch(WORKER, publish))
            .eventsOf(MarketEvent.DealPublished.class)
            .head()
            .dealId();

    var preCommit =
        new StorageProviderCall.PreCommitSectors(
            SP,
            List.of(
                n.ops.preCommit(n.chain.world(), SP_ID, 1, List.of(deal), n.now() + 590, n.now())));
    assertThat(
            n.chain
                .dispatch(SP_ID, preCommit)
                .failedWith(StorageProviderError.NotControllingAddress))
        .isTrue();
    require(n.chain.dispatch(WORKER, preCommit));
    n.chain.runToBlock(n.ops.firstProvableBlock(n.chain.world(), SP_ID, 1).get());
    require(
        n.chain.dispatch(
            WORKER,
            new StorageProviderCall.ProveCommitSectors(
                SP, List.of(n.ops.proveCommit(n.chain.world(), SP_ID, 1, n.now()).get()))));
    n.runToDeadlineOf(SP_ID, 1);
    var own = n.ops.windowPost(n.chain.world(), SP_ID, n.now()).get();
    require(
        n.chain.dispatch(
            WORKER,
            new StorageProviderCall.SubmitWindowedPost(
                SP, own.deadline(), own.partitions(), own.proof(), own.chainCommitEpoch())));
    assertThat(n.minerPower(SP_ID)).isEqualTo(2048);

    // the owner takes the provider's free funds; the pledge stays reserved
    long pledge = n.chain.reserved(SP_ID);
    assertThat(pledge).isPositive();
    long free = n.chain.free(SP_ID);
    long ownerFree = n.chain.free(OWNER);
    var withdrawal =
        require(
            n.chain.dispatch(OWNER, new StorageProviderCall.WithdrawBalance(SP, Long.MAX_VALUE)));
    // the owner signed the withdrawal, so it also paid the extrinsic's fee
    assertThat(n.chain.free(OWNER)).isEqualTo(ownerFree + free - feePaid(withdrawal));
    assertThat(n.chain.free(SP_ID)).isZero();
    assertThat(n.chain.reserved(SP_ID)).isEqualTo(pledge);

    // and, through the worker, what the market escrow has available
    long available =
        n.market.escrowBalance(n.chain.world(), SP_ID)
            - n.market.lockedBalance(n.chain.world(), SP_ID);
    ownerFree = n.chain.free(OWNER);
    require(n.chain.dispatch(WORKER, new MarketCall.WithdrawBalance(Long.MAX_VALUE, SP)));
    assertThat(n.chain.free(OWNER)).isEqualTo(ownerFree + available);
    assertThat(available).isPositive();
    n.chain.runBlocks(30);
    assertThat(n.minerPower(SP_ID)).isEqualTo(2048);
  }

  /** The transaction fee {@code out}'s sender paid, from its {@code TransactionFeePaid} event. */
  static long feePaid(dev.palletsim.frame.executive.DispatchOutcome out) {
    return out.eventsOf(
            dev.palletsim.frame.transactionpayment.TransactionPaymentEvent.TransactionFeePaid.class)
        .head()
        .actualFee();
  }
}
