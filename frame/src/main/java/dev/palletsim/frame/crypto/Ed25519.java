package dev.palletsim.frame.crypto;

import dev.palletsim.frame.primitives.AccountId;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;

/**
 * Ed25519 signing and verification (RFC 8032; ARCHITECTURE §7): clients sign deal proposals with
 * real keys and the market verifies them. An {@link AccountId} of a signed account is the raw
 * 32-byte public key.
 *
 * <p>Two implementations give the same results (Ed25519 is deterministic: the same key and message
 * give the same signature, and a key's public key is a function of its seed): {@link
 * Implementation#BOUNCY_CASTLE BouncyCastle}'s RFC 8032 code, the default, about 20 times faster
 * than {@link Implementation#JDK the JDK's provider}, which stays selectable for comparison with
 * the system property {@value #IMPLEMENTATION_PROPERTY} ({@code bouncycastle} or {@code jdk}, read
 * once when this class loads) or per call.
 */
public final class Ed25519 {
  private Ed25519() {}

  /**
   * The system property that selects the default implementation: {@code bouncycastle}, {@code jdk}.
   */
  public static final String IMPLEMENTATION_PROPERTY = "palletsim.ed25519";

  /** Bytes of a secret seed and of a public key. */
  public static final int KEY_BYTES = 32;

  /** Bytes of a signature. */
  public static final int SIGNATURE_BYTES = 64;

  /** The DER prefix of an X.509 SubjectPublicKeyInfo for an Ed25519 key. */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  /** An implementation of Ed25519. */
  public enum Implementation {
    /** BouncyCastle's {@code org.bouncycastle.math.ec.rfc8032.Ed25519}: the default. */
    BOUNCY_CASTLE,
    /** The JDK's {@code SunEC} provider (JDK 15+), for comparison. */
    JDK;

    /** The implementation a setting names ({@code bouncycastle}, {@code jdk}; any case). */
    public static Implementation named(String setting) {
      return switch (setting.trim().toLowerCase(Locale.ROOT)) {
        case "bouncycastle", "bouncy_castle", "bc" -> BOUNCY_CASTLE;
        case "jdk" -> JDK;
        default ->
            throw new IllegalArgumentException(
                IMPLEMENTATION_PROPERTY + " must be bouncycastle or jdk, not '" + setting + "'");
      };
    }
  }

  /** Signers whose decoded public key is kept (the cache is cleared when it fills). */
  static final int PUBLIC_POINT_CACHE = 1 << 16;

  /**
   * Decoded public keys of recent signers: decoding (a square root in the field) is part of every
   * BouncyCastle verification, and a client signs many deals. Pure, so it cannot change a result.
   */
  private static final java.util.concurrent.ConcurrentHashMap<
          AccountId, org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint>
      PUBLIC_POINTS = new java.util.concurrent.ConcurrentHashMap<>();

  private static final Implementation DEFAULT =
      Implementation.named(System.getProperty(IMPLEMENTATION_PROPERTY, "bouncycastle"));

  /** The implementation used when none is named: {@value #IMPLEMENTATION_PROPERTY}'s. */
  public static Implementation defaultImplementation() {
    return DEFAULT;
  }

  /**
   * A secret key: its 32-byte seed (RFC 8032's private key) and the public key derived from it,
   * which is the account it controls. Signs with either implementation.
   */
  public static final class SigningKey {
    private final byte[] seed;
    private final byte[] publicKey;
    private final AccountId account;
    private volatile PrivateKey jdkKey;

    private SigningKey(byte[] seed) {
      this.seed = seed.clone();
      this.publicKey = new byte[KEY_BYTES];
      org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(this.seed, 0, publicKey, 0);
      this.account = AccountId.of(publicKey);
    }

    /** The account this key controls (its public key). */
    public AccountId account() {
      return account;
    }

    /** Signs {@code message} with the default implementation: a 64-byte signature. */
    public byte[] sign(byte[] message) {
      return sign(DEFAULT, message);
    }

    /** Signs {@code message} with {@code implementation}: a 64-byte signature. */
    public byte[] sign(Implementation implementation, byte[] message) {
      if (implementation == Implementation.JDK) return Ed25519.sign(jdkPrivateKey(), message);
      byte[] sig = new byte[SIGNATURE_BYTES];
      org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
          seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
      return sig;
    }

    /** This key as a JDK {@link PrivateKey} (for the JDK's {@link Signature}). */
    public PrivateKey jdkPrivateKey() {
      PrivateKey k = jdkKey;
      if (k == null) {
        try {
          k =
              KeyFactory.getInstance("Ed25519")
                  .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("Ed25519 is available on every JDK 15+", e);
        }
        jdkKey = k;
      }
      return k;
    }

    /** Names the account only: the seed is secret. */
    @Override
    public String toString() {
      return "SigningKey[" + account + "]";
    }
  }

  /** The key whose 32-byte secret seed is {@code seed} (RFC 8032 §5.1.5). */
  public static SigningKey fromSeed(byte[] seed) {
    if (seed == null || seed.length != KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    }
    return new SigningKey(seed);
  }

  /** The account (raw public key) of the JDK key {@code key}. */
  public static AccountId accountOf(PublicKey key) {
    byte[] enc = key.getEncoded();
    return AccountId.of(Arrays.copyOfRange(enc, enc.length - KEY_BYTES, enc.length));
  }

  /** Signs {@code message} with the JDK key {@code key} through the JDK's provider. */
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
   * Whether {@code signature} is {@code signer}'s signature of {@code message}, checked by the
   * default implementation. Malformed keys or signatures verify as false; this never throws.
   */
  public static boolean verify(AccountId signer, byte[] message, byte[] signature) {
    return verify(DEFAULT, signer, message, signature);
  }

  /** {@link #verify(AccountId, byte[], byte[])} checked by {@code implementation}. */
  public static boolean verify(
      Implementation implementation, AccountId signer, byte[] message, byte[] signature) {
    if (signer == null || message == null || signature == null) return false;
    if (signature.length != SIGNATURE_BYTES) return false;
    try {
      if (implementation == Implementation.BOUNCY_CASTLE) {
        var point = PUBLIC_POINTS.get(signer);
        if (point == null) {
          point =
              org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(
                  signer.toBytes(), 0);
          if (point == null) return false;
          if (PUBLIC_POINTS.size() >= PUBLIC_POINT_CACHE) PUBLIC_POINTS.clear();
          PUBLIC_POINTS.put(signer, point);
        }
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
            signature, 0, point, message, 0, message.length);
      }
      byte[] pk = signer.toBytes();
      byte[] enc = new byte[X509_PREFIX.length + KEY_BYTES];
      System.arraycopy(X509_PREFIX, 0, enc, 0, X509_PREFIX.length);
      System.arraycopy(pk, 0, enc, X509_PREFIX.length, KEY_BYTES);
      PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(enc));
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(pub);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
