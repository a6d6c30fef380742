package dev.palletsim.frame.crypto;

import dev.palletsim.frame.primitives.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** An incremental SHA-256 with helpers for the values palletsim hashes. */
public final class Sha256 {
  private final MessageDigest digest;

  private Sha256() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** A new hasher, primed with a domain label so that unrelated uses never collide. */
  public static Sha256 domain(String label) {
    return new Sha256().text(label);
  }

  /** Feeds raw bytes. */
  public Sha256 bytes(byte[] b) {
    digest.update(Bytes.ofLong(b.length));
    digest.update(b);
    return this;
  }

  /** Feeds a long, big-endian. */
  public Sha256 number(long v) {
    digest.update(Bytes.ofLong(v));
    return this;
  }

  /** Feeds UTF-8 text, length-prefixed. */
  public Sha256 text(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The 32-byte digest. */
  public byte[] finish() {
    return digest.digest();
  }
}
