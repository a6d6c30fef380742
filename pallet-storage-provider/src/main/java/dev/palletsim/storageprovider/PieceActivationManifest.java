package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.Cid;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * One piece of data placed in a sector by direct data onboarding or a replica update
 * (builtin-actors' {@code PieceActivationManifest}): its commitment and size, the verified
 * allocation it claims if any (the sector then counts it as verified data), and the notifications
 * to send once the sector is activated (to the market, naming the deal it fulfils).
 *
 * @param cid the piece commitment (CommP)
 * @param size the padded piece size in bytes: a power of two, at least 128
 * @param verifiedAllocationKey the allocation the piece claims, if any
 * @param notifications the notifications to the market (builtin-actors' {@code notify})
 */
public record PieceActivationManifest(
    Cid cid,
    long size,
    Option<VerifiedAllocationKey> verifiedAllocationKey,
    Seq<DataActivationNotification> notifications) {

  /** A piece without an allocation or a deal. */
  public static PieceActivationManifest of(Cid cid, long size) {
    return new PieceActivationManifest(cid, size, Option.none(), List.empty());
  }

  /** This piece claiming allocation {@code key}. */
  public PieceActivationManifest claiming(VerifiedAllocationKey key) {
    return new PieceActivationManifest(cid, size, Option.some(key), notifications);
  }

  /** This piece also notifying the market of deal {@code dealId}. */
  public PieceActivationManifest forDeal(long dealId) {
    return new PieceActivationManifest(
        cid,
        size,
        verifiedAllocationKey,
        notifications.append(DataActivationNotification.forDeal(dealId)));
  }
}
