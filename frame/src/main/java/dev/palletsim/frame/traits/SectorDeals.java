package dev.palletsim.frame.traits;

import io.vavr.collection.Seq;

/**
 * The deals a provider puts in one sector, as the storage provider pallet hands them to the market
 * (Filecoin's {@code SectorDeals}).
 *
 * @param sectorNumber the sector's number, unique per provider
 * @param sectorSize the sector's size in bytes; the deals' pieces must fit in it
 * @param sectorExpiry the block at which the sector expires; every deal must end by then
 * @param dealIds the deals, each at most once
 */
public record SectorDeals(
    long sectorNumber, long sectorSize, long sectorExpiry, Seq<Long> dealIds) {}
