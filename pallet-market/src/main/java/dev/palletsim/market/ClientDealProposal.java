package dev.palletsim.market;

import dev.palletsim.frame.crypto.Keyring;
import io.vavr.control.Option;

/**
 * A proposal with the client's signature over its {@linkplain DealProposal#encode() canonical
 * encoding} (seed 002, {@code ClientDealProposal}), as a provider submits it to {@code
 * publishStorageDeals}.
 *
 * <p>The optional provider signature serves seed 000's backup path: a client may publish its own
 * deals only with the provider's signature over the same encoding, the provider's consent that its
 * own extrinsic would otherwise express. A provider publishing needs none.
 *
 * @param proposal the deal terms
 * @param clientSignature the client's Ed25519 signature of {@code proposal.encode()}
 * @param providerSignature the provider's signature of the same bytes, for the client's path
 */
public record ClientDealProposal(
    DealProposal proposal, Signature clientSignature, Option<Signature> providerSignature) {

  /** A proposal signed by the client only (the provider publishes). */
  public ClientDealProposal(DealProposal proposal, Signature clientSignature) {
    this(proposal, clientSignature, Option.none());
  }

  /** {@code proposal} signed by the keyring account {@code clientName}. */
  public static ClientDealProposal signedBy(DealProposal proposal, String clientName) {
    return new ClientDealProposal(
        proposal, Signature.of(Keyring.sign(clientName, proposal.encode())));
  }

  /** This proposal countersigned by the keyring account {@code providerName}. */
  public ClientDealProposal countersignedBy(String providerName) {
    return new ClientDealProposal(
        proposal,
        clientSignature,
        Option.some(Signature.of(Keyring.sign(providerName, proposal.encode()))));
  }
}
