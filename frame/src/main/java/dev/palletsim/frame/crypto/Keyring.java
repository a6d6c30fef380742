package dev.palletsim.frame.crypto;

import dev.palletsim.frame.primitives.AccountId;
import java.security.PrivateKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The development keyring (Substrate's {@code sp-keyring}): named accounts ({@code alice}, {@code
 * bob}, {@code sp-1} …) with Ed25519 keys derived deterministically from the name, so that every
 * run, test and scenario file names the same accounts. The secret seed of {@code name} is
 * SHA-256("palletsim/dev-keyring" ‖ name): development keys, public by construction.
 *
 * <p>{@link #nameOf} turns an account back into {@code alice} for reports. The keyring holds no
 * state of its own beyond a cache of this pure derivation, safe to use from any number of threads:
 * an account's name is known once {@link #account} has derived it in this JVM, which any run naming
 * the account has done before it prints it, and a pallet's account is named by its pallet id, read
 * from the account's bytes. So a run's names never depend on what other runs or threads did.
 */
public final class Keyring {
  private static final ConcurrentHashMap<String, Ed25519.SigningKey> BY_NAME =
      new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<AccountId, String> NAMES = new ConcurrentHashMap<>();

  private Keyring() {}

  /** The account of {@code name}. */
  public static AccountId account(String name) {
    return pair(name).account();
  }

  /** The signing key of {@code name}. */
  public static Ed25519.SigningKey signingKey(String name) {
    return pair(name);
  }

  /** The signing key of {@code name} as a JDK key. */
  public static PrivateKey privateKey(String name) {
    return pair(name).jdkPrivateKey();
  }

  /** Signs {@code message} as {@code name} (with the default Ed25519 implementation). */
  public static byte[] sign(String name, byte[] message) {
    return pair(name).sign(message);
  }

  /**
   * The keyring name of {@code account} ({@code alice}), else the pallet id of a pallet's account
   * ({@code py/mrket}), else the account's abbreviated hex.
   */
  public static String nameOf(AccountId account) {
    String n = NAMES.get(account);
    if (n != null) return n;
    return account.palletId().orElseGet(account::toString);
  }

  private static Ed25519.SigningKey pair(String name) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a keyring name");
    return BY_NAME.computeIfAbsent(
        name,
        n -> {
          var kp = Ed25519.fromSeed(Sha256.domain("palletsim/dev-keyring").text(n).finish());
          NAMES.putIfAbsent(kp.account(), n);
          return kp;
        });
  }
}
