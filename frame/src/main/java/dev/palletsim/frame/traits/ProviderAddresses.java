package dev.palletsim.frame.traits;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * The accounts that control a storage provider (builtin-actors' miner {@code
 * GetControlAddressesReturn}): its owner, its worker and its control addresses. The market asks for
 * them through {@link StorageProviderValidation} to decide who may publish a provider's deals and
 * withdraw its escrow, as builtin-actors' market asks the miner actor.
 *
 * @param owner the owner: withdraws the provider's funds and changes its worker and owner
 * @param worker the worker: signs the provider's blocks and its routine calls
 * @param controlAddresses further accounts allowed the provider's routine calls
 */
public record ProviderAddresses(
    AccountId owner, AccountId worker, Seq<AccountId> controlAddresses) {
  /** Checks that every account is given. */
  public ProviderAddresses {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(controlAddresses, "controlAddresses");
  }

  /** A provider that is its own owner and worker, without control addresses. */
  public static ProviderAddresses selfOwned(AccountId provider) {
    return new ProviderAddresses(provider, provider, Vector.empty());
  }

  /**
   * Whether {@code who} is the owner, the worker or a control address (builtin-actors' {@code
   * IsControllingAddress}).
   */
  public boolean isControlling(AccountId who) {
    return who != null
        && (who.equals(owner) || who.equals(worker) || controlAddresses.contains(who));
  }

  /** Whether {@code who} is the owner or the worker (who may withdraw market escrow). */
  public boolean isOwnerOrWorker(AccountId who) {
    return who != null && (who.equals(owner) || who.equals(worker));
  }
}
