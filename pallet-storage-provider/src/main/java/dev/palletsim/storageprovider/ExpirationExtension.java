package dev.palletsim.storageprovider;

import io.vavr.collection.Seq;

/**
 * Sectors of one partition whose expiration an {@code extendSectorExpiration} call moves
 * (builtin-actors' {@code ExpirationExtension2} with every claim kept).
 *
 * @param deadline the deadline index
 * @param partition the partition index
 * @param sectors the sector numbers
 * @param newExpiration the new committed expiration block
 */
public record ExpirationExtension(
    int deadline, int partition, Seq<Long> sectors, long newExpiration) {}
