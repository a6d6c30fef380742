package dev.palletsim.verifiedregistry;

/**
 * An item of a batch call the registry could not process (builtin-actors' {@code BatchReturn}
 * failure): which and why. Such an item is left as it was; the others are processed.
 *
 * @param id the allocation or claim id
 * @param error why
 */
public record ItemFailure(long id, VerifiedRegistryError error) {}
