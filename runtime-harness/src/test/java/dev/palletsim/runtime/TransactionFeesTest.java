package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.collatorselection.CollatorSelectionPallet;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.InvalidTransaction;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.transactionpayment.TransactionPaymentEvent;
import dev.palletsim.frame.transactionpayment.TransactionPaymentPallet;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketError;
import dev.palletsim.testkit.PalletAssertions;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * Fees in the storage runtime's presets: on in {@code testnet} and {@code mainnet-like}, paid into
 * collator selection's pot and from there to authors, off under {@code filecoin}; a spammer's
 * failing extrinsics drain its balance into the pot until it is refused, and the issuance is
 * conserved throughout.
 */
class TransactionFeesTest {
  static final AccountId SPAMMER = Keyring.account("spammer");

  @Test
  void theParachainPresetsChargeIntoTheCollatorSelectionPotAndFilecoinChargesNothing() {
    for (var rt : List.of(StorageRuntime.testnet(), StorageRuntime.mainnetLike())) {
      assertThat(rt.transactionPayment()).isNotEmpty();
      assertThat(rt.pallet(TransactionPaymentPallet.class).config().potAccount())
          .isEqualTo(rt.pallet(CollatorSelectionPallet.class).potAccount());
    }
    assertThat(StorageRuntime.filecoin().transactionPayment()).isEmpty();
    assertThat(StorageRuntime.filecoin().palletFor(TransactionPaymentPallet.class)).isEmpty();
  }

  @Test
  void aFailedMarketCallPaysOnlyItsFeeIntoThePot() {
    StorageNetwork n = StorageNetwork.testnet(3);
    AccountId pot = n.runtime.pallet(CollatorSelectionPallet.class).potAccount();
    long potBefore = n.chain.free(pot);
    DispatchOutcome out =
        PalletAssertions.assertFailsPayingOnlyItsFee(
            n.chain,
            StorageNetwork.SP_ID,
            new MarketCall.PublishStorageDeals(List.empty()),
            DispatchError.module(MarketError.EmptyBatch));
    long fee = out.eventsOf(TransactionPaymentEvent.TransactionFeePaid.class).head().actualFee();
    assertThat(fee).isPositive().isLessThan(Units.TOKEN / 100);
    assertThat(n.chain.free(pot)).isEqualTo(potBefore + fee);
  }

  @Test
  void spamDrainsItsSenderIntoThePotUntilItIsRefusedAndTheIssuanceHolds() {
    StorageNetwork n = StorageNetwork.testnet(5);
    n.chain.dispatch(
        StorageNetwork.CLIENT_ID, new BalancesCall.TransferKeepAlive(SPAMMER, Units.TOKEN / 10));
    long issuance = n.chain.query(BalancesStorage.TOTAL_ISSUANCE);
    long minted = n.chain.query(BalancesStorage.MINTED);
    long start = n.chain.free(SPAMMER);
    int paid = 0;
    int refused = 0;
    for (int block = 0; block < 40 && refused == 0; block++) {
      for (int i = 0; i < 20; i++) {
        DispatchOutcome out =
            n.chain.dispatch(SPAMMER, new MarketCall.PublishStorageDeals(List.empty()));
        if (out.failedWith(MarketError.EmptyBatch)) paid++;
        else if (out.error().contains(new DispatchError.Invalid(InvalidTransaction.Payment)))
          refused++;
      }
      n.chain.nextBlock(); // invariants, Balances' conservation among them, after every block
    }
    assertThat(paid).isGreaterThan(10);
    assertThat(refused).isPositive();
    // it was refused once what it kept could not pay one more fee and stay alive
    long left = n.chain.free(SPAMMER);
    long feeEach = (start - left) / paid;
    assertThat(left).isLessThan(feeEach + n.runtime.config().existentialDeposit() + feeEach / 10);
    long mintedSince = n.chain.query(BalancesStorage.MINTED) - minted;
    assertThat(n.chain.query(BalancesStorage.TOTAL_ISSUANCE))
        .as("fees moved, not burnt: the issuance grew only by the pot's minting")
        .isEqualTo(issuance + mintedSince);
  }
}
