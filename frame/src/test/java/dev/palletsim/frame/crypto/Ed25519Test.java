package dev.palletsim.frame.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.crypto.Ed25519.Implementation;
import dev.palletsim.frame.primitives.AccountId;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both Ed25519 implementations (issue 16, point 3) meet RFC 8032's test vectors, derive the same
 * accounts, sign byte for byte alike, and each verifies what the other signed.
 */
class Ed25519Test {
  static final HexFormat HEX = HexFormat.of();

  /**
   * RFC 8032 §7.1: TEST 1, TEST 2, TEST 3 and TEST SHA(abc): seed, public key, message, signature.
   */
  static Stream<Arguments> rfc8032() {
    return Stream.of(
        Arguments.of(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Arguments.of(
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        Arguments.of(
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
        Arguments.of(
            "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
                + "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"));
  }

  @ParameterizedTest
  @MethodSource("rfc8032")
  void bothImplementationsMeetTheRfc8032Vectors(
      String seed, String publicKey, String message, String signature) {
    var key = Ed25519.fromSeed(HEX.parseHex(seed));
    byte[] msg = HEX.parseHex(message);
    AccountId account = AccountId.of(HEX.parseHex(publicKey));
    assertThat(key.account()).isEqualTo(account);
    for (Implementation impl : Implementation.values()) {
      assertThat(HEX.formatHex(key.sign(impl, msg))).as(impl.name()).isEqualTo(signature);
      assertThat(Ed25519.verify(impl, account, msg, HEX.parseHex(signature))).isTrue();
      byte[] bad = HEX.parseHex(signature);
      bad[63] ^= 0x01;
      assertThat(Ed25519.verify(impl, account, msg, bad)).as(impl.name()).isFalse();
    }
  }

  @Test
  void theJdkDerivesTheSameAccountFromASeed() throws Exception {
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 50; i++) {
      byte[] seed = new byte[32];
      rng.nextBytes(seed);
      KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
      gen.initialize(NamedParameterSpec.ED25519, new Fixed(seed));
      var jdk = gen.generateKeyPair();
      assertThat(Ed25519.accountOf(jdk.getPublic())).isEqualTo(Ed25519.fromSeed(seed).account());
    }
  }

  @Test
  void eachImplementationVerifiesWhatTheOtherSignedAndRejectsWhatItShouldNot() {
    SplittableRandom rng = new SplittableRandom(17);
    for (int i = 0; i < 200; i++) {
      byte[] seed = new byte[32];
      rng.nextBytes(seed);
      byte[] msg = new byte[rng.nextInt(300)];
      rng.nextBytes(msg);
      var key = Ed25519.fromSeed(seed);
      byte[] byBc = key.sign(Implementation.BOUNCY_CASTLE, msg);
      byte[] byJdk = key.sign(Implementation.JDK, msg);
      assertThat(byBc).isEqualTo(byJdk);
      assertThat(Ed25519.verify(Implementation.JDK, key.account(), msg, byBc)).isTrue();
      assertThat(Ed25519.verify(Implementation.BOUNCY_CASTLE, key.account(), msg, byJdk)).isTrue();
      // a changed message, signature or signer fails under both
      byte[] other = msg.length == 0 ? new byte[] {1} : msg.clone();
      if (msg.length > 0) other[rng.nextInt(msg.length)] ^= (byte) (1 + rng.nextInt(255));
      byte[] sig = byBc.clone();
      sig[rng.nextInt(64)] ^= (byte) (1 + rng.nextInt(255));
      AccountId stranger = Keyring.account("stranger-" + i);
      for (Implementation impl : Implementation.values()) {
        assertThat(Ed25519.verify(impl, key.account(), other, byBc)).isFalse();
        assertThat(Ed25519.verify(impl, key.account(), msg, sig)).isFalse();
        assertThat(Ed25519.verify(impl, stranger, msg, byBc)).isFalse();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void malformedInputVerifiesAsFalseWithoutThrowing(Implementation impl) {
    byte[] msg = {1, 2, 3};
    byte[] sig = Keyring.signingKey("alice").sign(impl, msg);
    AccountId alice = Keyring.account("alice");
    assertThat(Ed25519.verify(impl, alice, msg, sig)).isTrue();
    assertThat(Ed25519.verify(impl, null, msg, sig)).isFalse();
    assertThat(Ed25519.verify(impl, alice, null, sig)).isFalse();
    assertThat(Ed25519.verify(impl, alice, msg, null)).isFalse();
    assertThat(Ed25519.verify(impl, alice, msg, new byte[63])).isFalse();
    assertThat(Ed25519.verify(impl, alice, msg, new byte[64])).isFalse();
    byte[] ones = new byte[64];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertThat(Ed25519.verify(impl, alice, msg, ones)).as("S above the group order").isFalse();
    // a public key whose y coordinate is not below the field prime (not a canonical encoding)
    AccountId nonCanonical = AccountId.of(HEX.parseHex("ff".repeat(32)));
    assertThat(Ed25519.verify(impl, nonCanonical, msg, sig)).isFalse();
  }

  @Test
  void theSettingNamesAnImplementationAndRefusesOthers() {
    assertThat(Implementation.named("jdk")).isEqualTo(Implementation.JDK);
    assertThat(Implementation.named(" BouncyCastle ")).isEqualTo(Implementation.BOUNCY_CASTLE);
    assertThatThrownBy(() -> Implementation.named("openssl"))
        .hasMessageContaining(Ed25519.IMPLEMENTATION_PROPERTY);
    assertThat(Ed25519.defaultImplementation())
        .isEqualTo(
            Implementation.named(
                System.getProperty(Ed25519.IMPLEMENTATION_PROPERTY, "bouncycastle")));
    assertThatThrownBy(() -> Ed25519.fromSeed(new byte[31])).hasMessageContaining("32 bytes");
    assertThat(Keyring.signingKey("alice").toString()).doesNotContain("seed");
  }

  /** Yields exactly the seed: the JDK key generator's only input. */
  static final class Fixed extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    Fixed(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) bytes[i] = seed[i % seed.length];
    }
  }
}
