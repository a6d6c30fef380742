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
 * <p>The keyring also remembers names for printing: {@link #nameOf} turns an account back into
 * {@code alice} in reports.
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

  /** The keyring name of {@code account}, else its abbreviated hex. */
  public static String nameOf(AccountId account) {
    String n = NAMES.get(account);
    return n != null ? n : account.toString();
  }

  /** Records a display name for an account that is not a keyring account (a pallet account). */
  public static void rememberName(AccountId account, String name) {
    NAMES.putIfAbsent(account, name);
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
