package dev.palletsim.frame.crypto;

import dev.palletsim.frame.primitives.AccountId;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Ed25519 signing and verification with the JDK's own provider (ARCHITECTURE §7): clients sign deal
 * proposals with real keys and the market verifies them. An {@link AccountId} of a signed account
 * is the raw 32-byte public key.
 */
public final class Ed25519 {
  private Ed25519() {}

  /** The DER prefix of an X.509 SubjectPublicKeyInfo for an Ed25519 key. */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  /** A key pair and the account it controls. */
  public record KeyPairWithAccount(KeyPair keys, AccountId account) {}

  /** Derives a key pair deterministically from a 32-byte secret seed. */
  public static KeyPairWithAccount fromSeed(byte[] seed) {
    if (seed.length != 32) throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
      gen.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
      KeyPair kp = gen.generateKeyPair();
      return new KeyPairWithAccount(kp, accountOf(kp.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is available on every JDK 15+", e);
    }
  }

  /** The account (raw public key) of {@code key}. */
  public static AccountId accountOf(PublicKey key) {
    byte[] enc = key.getEncoded();
    byte[] raw = new byte[32];
    System.arraycopy(enc, enc.length - 32, raw, 0, 32);
    return AccountId.of(raw);
  }

  /** Signs {@code message} with {@code key}: a 64-byte signature. */
  public static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * Whether {@code signature} is {@code signer}'s signature of {@code message}. Malformed keys or
   * signatures verify as false; this never throws.
   */
  public static boolean verify(AccountId signer, byte[] message, byte[] signature) {
    if (signer == null || message == null || signature == null || signature.length != 64) {
      return false;
    }
    try {
      byte[] enc = new byte[X509_PREFIX.length + 32];
      System.arraycopy(X509_PREFIX, 0, enc, 0, X509_PREFIX.length);
      System.arraycopy(signer.toBytes(), 0, enc, X509_PREFIX.length, 32);
      PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(enc));
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(pub);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** A "random" source that yields exactly the seed: the key generator's only input. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) bytes[i] = seed[i % seed.length];
    }
  }
}
