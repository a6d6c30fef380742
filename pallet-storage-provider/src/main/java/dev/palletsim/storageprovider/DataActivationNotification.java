package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.RawBytes;
import dev.palletsim.frame.traits.DealIdPayload;

/**
 * A notification that a piece was activated (builtin-actors' {@code DataActivationNotification}),
 * sent to the market, the runtime's one data consumer ({@code SectorContentChanged}): its payload
 * names the deal the piece fulfils ({@link DealIdPayload}).
 *
 * @param payload what the market receives
 */
public record DataActivationNotification(RawBytes payload) {
  /** A notification activating market deal {@code dealId}. */
  public static DataActivationNotification forDeal(long dealId) {
    return new DataActivationNotification(DealIdPayload.encode(dealId));
  }
}
