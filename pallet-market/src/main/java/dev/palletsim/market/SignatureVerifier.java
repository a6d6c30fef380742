package dev.palletsim.market;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;

/**
 * Ed25519 verification of deal signatures with a Caffeine cache of results keyed by (signer,
 * SHA-256 of the signed encoding, signature) (ARCHITECTURE §7). Verification is a pure function of
 * the key, so the cache can only save time, never change an outcome, and it is not chain state:
 * every fork may share it. Maintenance runs on the calling thread, so no thread is started.
 */
final class SignatureVerifier {
  private final Cache<Key, Boolean> cache;

  SignatureVerifier(long maximumSize) {
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
    return cache.get(new Key(signer, hash, signature), k -> signature.verifies(signer, message));
  }

  /** Hits and misses so far. */
  CacheStats stats() {
    return cache.stats();
  }

  private record Key(AccountId signer, H256 messageHash, Signature signature) {}
}
