package dev.palletsim.market;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.palletsim.frame.crypto.Ed25519;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ed25519 verification of deal signatures with a Caffeine cache of results keyed by (signer,
 * SHA-256 of the signed encoding, signature) (ARCHITECTURE §7). Verification is a pure function of
 * the key, so the cache can only save time, never change an outcome, and it is not chain state:
 * every fork may share it. Maintenance runs on the calling thread, so no thread is started.
 *
 * <p>Signatures can be checked ahead of their block ({@link #preverify}, the transaction pool's
 * check, on any thread): the results wait in a table of at most the cache's size until the
 * publication that needs them takes them (a result taken moves into the cache). They sit apart from
 * the cache because its admission policy (W-TinyLFU) would turn away a burst of results never yet
 * read in favour of entries read once already.
 *
 * <p>Verification uses {@link Ed25519#defaultImplementation()} (BouncyCastle's, about 20 times the
 * JDK's speed; {@code -Dpalletsim.ed25519=jdk} selects the JDK's for comparison) unless an
 * implementation is named. Both accept and refuse the same signatures.
 */
final class SignatureVerifier {
  private final Cache<Key, Boolean> cache;
  private final Ed25519.Implementation implementation;
  private final long maximumSize;
  private final ConcurrentHashMap<Key, Boolean> preverified = new ConcurrentHashMap<>();
  private final AtomicLong preverifiedTaken = new AtomicLong();

  SignatureVerifier(long maximumSize) {
    this(maximumSize, Ed25519.defaultImplementation());
  }

  SignatureVerifier(long maximumSize, Ed25519.Implementation implementation) {
    this.implementation = implementation;
    this.maximumSize = maximumSize;
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
    Key key = new Key(signer, hash, signature);
    Boolean ahead = preverified.isEmpty() ? null : preverified.remove(key);
    if (ahead != null) {
      preverifiedTaken.incrementAndGet();
      cache.put(key, ahead);
      return ahead;
    }
    return cache.get(
        key, k -> Ed25519.verify(implementation, signer, message, signature.toBytes()));
  }

  /**
   * Verifies {@code signature} now and keeps the result for the {@link #verify} that will ask for
   * it, unless it is known already or the table of such results is full (then {@link #verify}
   * computes it as usual). Safe to call from any number of threads at once.
   */
  void preverify(AccountId signer, H256 hash, byte[] message, Signature signature) {
    if (preverified.size() >= maximumSize) return;
    Key key = new Key(signer, hash, signature);
    if (preverified.containsKey(key) || cache.asMap().containsKey(key)) return;
    preverified.put(key, Ed25519.verify(implementation, signer, message, signature.toBytes()));
  }

  /** Results verified ahead and not yet taken. */
  int preverifiedWaiting() {
    return preverified.size();
  }

  /** Results verified ahead that a publication took. */
  long preverifiedTaken() {
    return preverifiedTaken.get();
  }

  /** The Ed25519 implementation that verifies. */
  Ed25519.Implementation implementation() {
    return implementation;
  }

  /** Hits and misses so far (results verified ahead count as neither). */
  CacheStats stats() {
    return cache.stats();
  }

  private record Key(AccountId signer, H256 messageHash, Signature signature) {}
}
