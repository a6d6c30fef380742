package dev.palletsim.testkit;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.World;
import dev.palletsim.frame.balances.AccountData;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.frame.transactionpayment.TransactionPaymentEvent;
import dev.palletsim.frame.transactionpayment.TransactionPaymentPallet;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.control.Option;

/**
 * What a failed call may change in a runtime that charges fees: its sender paid the fee (and the
 * tip) to where fees go and its nonce moved on, nothing else. The check behind {@link
 * PalletAssertions#assertFailsPayingOnlyItsFee} and {@link CallFuzzer}'s in such runtimes.
 */
public final class FeeEffects {
  private FeeEffects() {}

  private static final Set<String> FEE_ITEMS =
      HashSet.of(
          BalancesStorage.ACCOUNT.key(),
          BalancesStorage.TOTAL_ISSUANCE.key(),
          BalancesStorage.BURNT.key(),
          SystemStorage.ACCOUNT_NONCE.key());

  /**
   * What the failed extrinsic {@code out} changed from {@code before} to {@code after} beyond
   * paying its fee, or none: only Balances' accounts of the sender, the pot and {@code author}, the
   * issuance and the burnt total (a burnt fee), and the sender's nonce (by one) may differ; the
   * sender paid exactly the fee its {@code TransactionFeePaid} reports (unless it is the pot or the
   * author itself), and the fee pallet's account holds what it held.
   */
  public static Option<String> beyondTheFee(
      Runtime runtime, World before, World after, DispatchOutcome out, Option<AccountId> author) {
    if (!(out.origin() instanceof Origin.Signed signed)) {
      return Option.some("an unsigned extrinsic failed and changed the world");
    }
    AccountId who = signed.who();
    var paid = out.eventsOf(TransactionPaymentEvent.TransactionFeePaid.class);
    if (paid.size() != 1 || !paid.head().who().equals(who)) {
      return Option.some("the world changed but the sender paid no fee: " + out.events());
    }
    for (String key : before.itemKeys().appendAll(after.itemKeys()).distinct()) {
      if (!FEE_ITEMS.contains(key) && before.itemHash(key) != after.itemHash(key)) {
        return Option.some(key + " changed");
      }
    }
    Set<AccountId> destinations = HashSet.ofAll(author);
    var pallet = runtime.palletFor(TransactionPaymentPallet.class);
    if (pallet.isDefined()) {
      destinations =
          destinations.add(((TransactionPaymentPallet) pallet.get()).config().potAccount());
    }
    Set<AccountId> receivers = destinations.add(who).add(TransactionPaymentPallet.ACCOUNT);
    for (var e :
        BalancesStorage.ACCOUNT.entries(before).appendAll(BalancesStorage.ACCOUNT.entries(after))) {
      if (!receivers.contains(e._1)
          && !BalancesStorage.ACCOUNT
              .get(before, e._1)
              .equals(BalancesStorage.ACCOUNT.get(after, e._1))) {
        return Option.some("the balance of " + e._1 + " changed");
      }
    }
    AccountData held = BalancesStorage.ACCOUNT.get(before, TransactionPaymentPallet.ACCOUNT);
    if (!held.equals(BalancesStorage.ACCOUNT.get(after, TransactionPaymentPallet.ACCOUNT))) {
      return Option.some("the fee account kept part of a fee");
    }
    boolean senderReceives = destinations.contains(who);
    long lost =
        BalancesStorage.ACCOUNT.get(before, who).total()
            - BalancesStorage.ACCOUNT.get(after, who).total();
    if (!senderReceives && lost != paid.head().actualFee()) {
      return Option.some("the sender lost " + lost + ", not its fee " + paid.head().actualFee());
    }
    for (var e :
        SystemStorage.ACCOUNT_NONCE
            .entries(before)
            .appendAll(SystemStorage.ACCOUNT_NONCE.entries(after))) {
      long delta =
          SystemStorage.ACCOUNT_NONCE.get(after, e._1)
              - SystemStorage.ACCOUNT_NONCE.get(before, e._1);
      if (delta != (e._1.equals(who) ? 1 : 0)) {
        return Option.some("the nonce of " + e._1 + " moved by " + delta);
      }
    }
    return Option.none();
  }
}
