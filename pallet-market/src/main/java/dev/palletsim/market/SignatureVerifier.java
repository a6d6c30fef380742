package dev.palletsim.market;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.palletsim.frame.crypto.Ed25519;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;

/**
 * Ed25519 verification of deal signatures with a Caffeine cache of results keyed by (signer,
 * SHA-256 of the signed encoding, signature) (ARCHITECTURE §7). Verification is a pure function of
 * the key, so the cache can only save time, never change an outcome, and it is not chain state:
 * every fork may share it. Maintenance runs on the calling thread, so no thread is started.
 *
 * <p>Verification uses {@link Ed25519#defaultImplementation()} (BouncyCastle's, about 20 times the
 * JDK's speed; {@code -Dpalletsim.ed25519=jdk} selects the JDK's for comparison) unless an
 * implementation is named. Both accept and refuse the same signatures.
 */
final class SignatureVerifier {
  private final Cache<Key, Boolean> cache;
  private final Ed25519.Implementation implementation;

  SignatureVerifier(long maximumSize) {
    this(maximumSize, Ed25519.defaultImplementation());
  }

  SignatureVerifier(long maximumSize, Ed25519.Implementation implementation) {
    this.implementation = implementation;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .executor(Runnable::run)
            .recordStats()
            .build();
  }

  /**
   * Whether {@code signature} is {@code signer}'s signature of {@code message} (hashed {@code
   * hash}).
   */
  boolean verify(AccountId signer, H256 hash, byte[] message, Signature signature) {
    return cache.get(
        new Key(signer, hash, signature),
        k -> Ed25519.verify(implementation, signer, message, signature.toBytes()));
  }

  /** The Ed25519 implementation that verifies. */
  Ed25519.Implementation implementation() {
    return implementation;
  }

  /** Hits and misses so far. */
  CacheStats stats() {
    return cache.stats();
  }

  private record Key(AccountId signer, H256 messageHash, Signature signature) {}
}
