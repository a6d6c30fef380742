package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.AccountId;

/**
 * A provider's sector, ordered by provider then number: the entries of the pre-commit expiry index.
 *
 * @param provider the provider
 * @param sectorNumber the sector number
 */
public record SectorRef(AccountId provider, long sectorNumber) implements Comparable<SectorRef> {
  @Override
  public int compareTo(SectorRef o) {
    int c = provider.compareTo(o.provider);
    return c != 0 ? c : Long.compare(sectorNumber, o.sectorNumber);
  }
}
