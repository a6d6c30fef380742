package dev.palletsim.runtime;

import static dev.palletsim.runtime.StorageNetwork.CLIENT_ID;
import static dev.palletsim.runtime.StorageNetwork.SP_ID;
import static dev.palletsim.runtime.StorageNetwork.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.collatorselection.CollatorSelectionPallet;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.InvalidTransaction;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.VerifiedRegistry.AllocationRequest;
import dev.palletsim.frame.transactionpayment.TransactionPaymentEvent.TransactionFeePaid;
import dev.palletsim.testkit.PalletAssertions;
import dev.palletsim.verifiedregistry.VerifiedRegistryCall;
import dev.palletsim.verifiedregistry.VerifiedRegistryError;
import dev.palletsim.verifiedregistry.VerifiedRegistryGenesis;
import dev.palletsim.verifiedregistry.VerifiedRegistryPallet;
import dev.palletsim.verifiedregistry.VerifiedRegistryStorage;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * The verified registry's calls under the testnet preset's fees (issue 12 point 4 with issue 21
 * point 3): a signed registry call pays its fee in tokens from its signer's free balance into
 * collator selection's pot, whatever it moves in DataCap; a failing one pays only its fee; a signer
 * that cannot pay is refused before the call runs; Root's calls pay nothing. DataCap is not what
 * fees are paid in: allowances and DataCap balances move by the call's amounts alone.
 */
class VerifiedRegistryFeesTest {
  static final long PIECE = 2 * Units.KIB;
  static final AccountId VERIFIER = Keyring.account("verifier-1");
  static final AccountId POOR_VERIFIER = Keyring.account("verifier-2");
  static final AccountId NEW_CLIENT = Keyring.account("client-2");

  static StorageNetwork network() {
    StorageNetwork n =
        new StorageNetwork(
            StorageNetwork.checkedTestnet(),
            7,
            g ->
                g.balance(VERIFIER, 10 * Units.TOKEN)
                    .config(
                        new VerifiedRegistryGenesis(
                            HashMap.of(VERIFIER, 100 * PIECE, POOR_VERIFIER, 100 * PIECE),
                            HashMap.of(CLIENT_ID, 4 * PIECE))));
    n.register(SP_ID);
    return n;
  }

  static VerifiedRegistryPallet registry(StorageNetwork n) {
    return n.runtime.pallet(VerifiedRegistryPallet.class);
  }

  static long allowance(StorageNetwork n, AccountId verifier) {
    return VerifiedRegistryStorage.VERIFIERS.find(n.chain.world(), verifier).getOrElse(0L);
  }

  static long potOf(StorageNetwork n) {
    return n.chain.free(n.runtime.pallet(CollatorSelectionPallet.class).potAccount());
  }

  static long feeOf(DispatchOutcome out, AccountId who) {
    TransactionFeePaid paid = out.eventsOf(TransactionFeePaid.class).single();
    assertThat(paid.who()).isEqualTo(who);
    return paid.actualFee();
  }

  @Test
  void aVerifierPaysItsFeeInTokensAndGrantsExactlyTheDataCapItNames() {
    StorageNetwork n = network();
    long free = n.chain.free(VERIFIER);
    long pot = potOf(n);
    DispatchOutcome out =
        require(
            n.chain.dispatch(
                VERIFIER, new VerifiedRegistryCall.AddVerifiedClient(NEW_CLIENT, 3 * PIECE)));
    long fee = feeOf(out, VERIFIER);
    assertThat(fee).isPositive().isLessThan(Units.TOKEN / 100);
    assertThat(n.chain.free(VERIFIER)).isEqualTo(free - fee);
    assertThat(potOf(n)).isEqualTo(pot + fee);
    assertThat(allowance(n, VERIFIER)).isEqualTo(97 * PIECE);
    assertThat(registry(n).dataCapBalance(n.chain.world(), NEW_CLIENT)).isEqualTo(3 * PIECE);
  }

  @Test
  void aClientPaysItsFeeInTokensAndSpendsExactlyTheDataCapItAllocates() {
    StorageNetwork n = network();
    long free = n.chain.free(CLIENT_ID);
    long supply = registry(n).dataCapSupply(n.chain.world());
    var request =
        new AllocationRequest(SP_ID, Commitments.piece("fees"), PIECE, 50, 100, n.now() + 100);
    DispatchOutcome out =
        require(
            n.chain.dispatch(
                CLIENT_ID,
                new VerifiedRegistryCall.AllocateDataCap(List.of(request), List.empty())));
    long fee = feeOf(out, CLIENT_ID);
    assertThat(fee).isPositive();
    assertThat(n.chain.free(CLIENT_ID)).isEqualTo(free - fee);
    assertThat(registry(n).dataCapBalance(n.chain.world(), CLIENT_ID)).isEqualTo(3 * PIECE);
    // the DataCap moved into the allocation (the supply counts both until a claim burns it);
    // none of it paid the fee
    assertThat(registry(n).dataCapSupply(n.chain.world())).isEqualTo(supply);
    assertThat(registry(n).allocationsOf(n.chain.world(), CLIENT_ID).map(a -> a._2.size()))
        .containsExactly(PIECE);
  }

  @Test
  void aFailingRegistryCallPaysOnlyItsFeeIntoThePot() {
    StorageNetwork n = network();
    long pot = potOf(n);
    // the client is no verifier
    DispatchOutcome out =
        PalletAssertions.assertFailsPayingOnlyItsFee(
            n.chain,
            CLIENT_ID,
            new VerifiedRegistryCall.AddVerifiedClient(NEW_CLIENT, PIECE),
            DispatchError.module(VerifiedRegistryError.CallerNotVerifier));
    long fee = feeOf(out, CLIENT_ID);
    assertThat(fee).isPositive();
    assertThat(potOf(n)).isEqualTo(pot + fee);
    assertThat(registry(n).dataCapBalance(n.chain.world(), NEW_CLIENT)).isZero();
  }

  @Test
  void aVerifierWithoutTokensIsRefusedBeforeItsCallRuns() {
    StorageNetwork n = network();
    long before = n.chain.stateHash();
    DispatchOutcome out =
        n.chain.dispatch(
            POOR_VERIFIER, new VerifiedRegistryCall.AddVerifiedClient(NEW_CLIENT, PIECE));
    assertThat(out.error()).contains(new DispatchError.Invalid(InvalidTransaction.Payment));
    assertThat(n.chain.stateHash()).isEqualTo(before);
    assertThat(allowance(n, POOR_VERIFIER)).isEqualTo(100 * PIECE);
  }

  @Test
  void rootsRegistryCallsPayNoFee() {
    StorageNetwork n = network();
    long pot = potOf(n);
    DispatchOutcome out =
        require(
            n.chain.dispatch(
                Origin.root(), new VerifiedRegistryCall.AddVerifier(NEW_CLIENT, 10 * PIECE)));
    assertThat(out.eventsOf(TransactionFeePaid.class)).isEmpty();
    assertThat(potOf(n)).isEqualTo(pot);
    assertThat(allowance(n, NEW_CLIENT)).isEqualTo(10 * PIECE);
  }
}
