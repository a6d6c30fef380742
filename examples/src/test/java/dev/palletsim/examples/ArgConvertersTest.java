package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.primitives.PeerId;
import dev.palletsim.frame.primitives.Units;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.lang.reflect.Type;
import org.junit.jupiter.api.Test;

class ArgConvertersTest {
  enum Kind {
    FIRST_ONE,
    Second
  }

  record Inner(AccountId who, long amount) {}

  sealed interface Shape permits Circle, Square, Dot {}

  record Circle(long radius) implements Shape {}

  record Square(long side, long depth) implements Shape {}

  record Dot() implements Shape {}

  record Everything(
      AccountId who,
      long amount,
      int count,
      boolean flag,
      double ratio,
      String text,
      Kind kind,
      Vector<AccountId> accounts,
      io.vavr.collection.List<Long> amounts,
      Seq<Integer> counts,
      io.vavr.collection.Set<Long> set,
      Option<Long> maybe,
      Option<Long> absent,
      Option<Long> given,
      H256 hash,
      Cid piece,
      Cid hex,
      Inner inner,
      Shape shape,
      Shape dot,
      PeerId peer,
      java.util.List<String> javaList) {}

  static Object convert(String yaml, Type type) {
    return ArgConverters.convert(YamlNode.parse("a.yaml", yaml), type);
  }

  static final String H = "0x" + "ab".repeat(32);

  @Test
  void everySupportedTypeIsBuiltFromItsYamlForm() {
    Everything e =
        (Everything)
            convert(
                """
                who: alice
                amount: 1.5 TOKEN
                count: 42
                flag: true
                ratio: 0.25
                text: hello world
                kind: first-one
                accounts: [bob, "0x%s"]
                amounts: [1, 2 GIB]
                counts: [3, 4]
                set: [3, 1, 2]
                maybe: null
                given: 9
                hash: %s
                piece: piece:movie.mp4
                hex: %s
                inner: {who: charlie, amount: 20 MILLI_TOKEN}
                shape: {Square: {side: 2, depth: 3}}
                dot: dot
                peer: 12D3KooW
                java_list: [a, b]
                """
                    .formatted("01".repeat(32), H, H),
                Everything.class);
    assertThat(e.who()).isEqualTo(Keyring.account("alice"));
    assertThat(e.amount()).isEqualTo(15 * Units.TOKEN / 10);
    assertThat(e.count()).isEqualTo(42);
    assertThat(e.flag()).isTrue();
    assertThat(e.ratio()).isEqualTo(0.25);
    assertThat(e.text()).isEqualTo("hello world");
    assertThat(e.kind()).isEqualTo(Kind.FIRST_ONE);
    assertThat(e.accounts())
        .containsExactly(Keyring.account("bob"), AccountId.fromHex("0x" + "01".repeat(32)));
    assertThat(e.amounts())
        .isInstanceOf(io.vavr.collection.List.class)
        .containsExactly(1L, 2 * Units.GIB);
    assertThat(e.counts()).containsExactly(3, 4);
    assertThat(e.set()).isEqualTo(TreeSet.of(1L, 2L, 3L));
    assertThat(e.maybe()).isEqualTo(Option.none());
    assertThat(e.absent()).as("a missing Option is none").isEqualTo(Option.none());
    assertThat(e.given()).isEqualTo(Option.some(9L));
    assertThat(e.hash()).isEqualTo(H256.fromHex(H));
    assertThat(e.piece()).isEqualTo(Commitments.piece("movie.mp4"));
    assertThat(e.hex().isUnsealedCommitment()).isTrue();
    assertThat(e.hex().digest()).isEqualTo(H256.fromHex(H).toBytes());
    assertThat(e.inner()).isEqualTo(new Inner(Keyring.account("charlie"), 20 * Units.MILLI_TOKEN));
    assertThat(e.shape()).isEqualTo(new Square(2, 3));
    assertThat(e.dot()).isEqualTo(new Dot());
    assertThat(e.peer()).isEqualTo(new PeerId("12D3KooW"));
    assertThat(e.javaList()).containsExactly("a", "b");
  }

  @Test
  void amountsTakeUnitsUnderscoresAndDecimalsThatComeToWholePlanck() {
    assertThat(convert("1_000", long.class)).isEqualTo(1000L);
    assertThat(convert("5 TOKEN", long.class)).isEqualTo(5 * Units.TOKEN);
    assertThat(convert("5 tokens", long.class)).isEqualTo(5 * Units.TOKEN);
    assertThat(convert("0.0000000001 TOKEN", long.class)).isEqualTo(1L);
    assertThat(convert("32 GiB", long.class)).isEqualTo(32 * Units.GIB);
    assertThat(convert("1 TIB", Long.class)).isEqualTo(Units.TIB);
    assertThat(convert("-3", long.class)).isEqualTo(-3L);
  }

  @Test
  void aCidPrintedByPalletsimReadsBack() {
    Cid c = Commitments.piece("x");
    assertThat(convert(c.toString(), Cid.class)).isEqualTo(c);
    assertThat(convert("undef", Cid.class)).isEqualTo(Cid.UNDEFINED);
  }

  @Test
  void componentNamesMayBeCamelKebabOrSnakeCase() {
    record Burn(long value, boolean keepAlive) {}
    assertThat(convert("{value: 1, keepAlive: true}", Burn.class)).isEqualTo(new Burn(1, true));
    assertThat(convert("{value: 1, keep-alive: true}", Burn.class)).isEqualTo(new Burn(1, true));
    assertThat(convert("{value: 1, keep_alive: true}", Burn.class)).isEqualTo(new Burn(1, true));
    assertThatThrownBy(
            () -> convert("{value: 1, keep_alive: true,\n keep-alive: false}", Burn.class))
        .hasMessage("a.yaml:2: keep-alive: 'keepAlive' is given twice");
  }

  @Test
  void eachMismatchIsAnErrorNamingTheLineAndWhatWasExpected() {
    String[][] cases = {
      {
        "\n12",
        "who",
        "a.yaml:2: expected an account (a keyring name such as alice, or 0x and 64 hex digits), got 12"
      },
      {"0x1234", "who", "a.yaml:1: an account in hex is 0x and 64 hex digits, got 0x1234"},
      {
        "5 TOKENZ",
        "amount",
        "a.yaml:1: unknown unit 'TOKENZ' in \"5 TOKENZ\" (units: TOKEN, MILLI_TOKEN, PLANCK, BYTES, KIB, MIB, GIB, TIB)"
      },
      {
        "0.00000000001 TOKEN",
        "amount",
        "a.yaml:1: 0.00000000001 TOKEN is not a whole number of planck"
      },
      {"0.5 BYTES", "amount", "a.yaml:1: 0.5 BYTES is not a whole number of bytes"},
      // Long.MAX_VALUE planck is 922337203.6854775807 TOKEN: 922337204 TOKEN is one too many
      {
        "922337204 TOKEN",
        "amount",
        "a.yaml:1: 922337204 TOKEN overflows a balance (max 922337203.6854775807 TOKEN)"
      },
      {
        "99999999999999999 TOKEN",
        "amount",
        "a.yaml:1: 99999999999999999 TOKEN overflows a balance (max 922337203.6854775807 TOKEN)"
      },
      // 2^63 - 1 bytes is 2^23 TiB less one byte: 8388607.99… TiB
      {"8388608 TIB", "amount", "a.yaml:1: 8388608 TIB overflows a size (max 8388607.99 TIB)"},
      {"9999999 TIB", "amount", "a.yaml:1: 9999999 TIB overflows a size (max 8388607.99 TIB)"},
      {
        "9223372036854775808",
        "amount",
        "a.yaml:1: 9223372036854775808 overflows a 64-bit integer (max 9223372036854775807)"
      },
      {"[1]", "amount", "a.yaml:1: expected an amount (e.g. 1000, 5 TOKEN, 32 GIB), got a list"},
      {"3000000000", "count", "a.yaml:1: 3000000000 overflows a 32-bit integer (max 2147483647)"},
      {"2 GIB", "count", "a.yaml:1: 2 GIB overflows a 32-bit integer (max 2147483647)"},
      {"maybe", "flag", "a.yaml:1: expected true or false, got \"maybe\""},
      {"1/2", "ratio", "a.yaml:1: expected a number, got \"1/2\""},
      {"~", "text", "a.yaml:1: expected text, got null"},
      {"third", "kind", "a.yaml:1: expected one of FIRST_ONE, Second (Kind), got \"third\""},
      {"bob", "accounts", "a.yaml:1: expected a list, got \"bob\""},
      {
        "[bob,\n 7]",
        "accounts",
        "a.yaml:2: [1]: expected an account (a keyring name such as alice, or 0x and 64 hex digits), got 7"
      },
      {"[1, 1]", "set", "a.yaml:1: duplicate set element 1"},
      {"0x12", "hash", "a.yaml:1: expected a 32-byte hash (0x and 64 hex digits), got 0x12"},
      {
        "piece",
        "piece",
        "a.yaml:1: expected a CID (piece:<label>, 0x and 64 hex digits, or codec:multihash:digest), got \"piece\""
      },
      {
        "{who: alice}",
        "inner",
        "a.yaml:1: missing field 'amount' of Inner (takes who: AccountId, amount: long)"
      },
      {
        "{who: alice, amount: 1, extra: 2}",
        "inner",
        "a.yaml:1: extra: unknown field 'extra' of Inner (takes who: AccountId, amount: long)"
      },
      {"{Triangle: {}}", "shape", "a.yaml:1: unknown Shape 'Triangle'"},
      {"circle", "shape", "a.yaml:1: Circle needs radius: long"},
      {
        "[a, b]",
        "shape",
        "a.yaml:1: expected one of Circle, Square, Dot (Shape) as a name or a one-key map, got a list"
      },
    };
    for (String[] c : cases) {
      Type type = component(c[1]);
      assertThatThrownBy(() -> convert(c[0], type))
          .as(c[0] + " as " + c[1])
          .isInstanceOf(ScenarioException.class)
          .hasMessageStartingWith(c[2]);
    }
  }

  private static Type component(String name) {
    for (var c : Everything.class.getRecordComponents()) {
      if (c.getName().equals(name)) return c.getGenericType();
    }
    throw new IllegalArgumentException(name);
  }

  /** A pallet-specific value the built-in conversions cannot make: a signed statement. */
  static final class Signed {
    final String signer;
    final String text;

    Signed(String signer, String text) {
      this.signer = signer;
      this.text = text;
    }
  }

  record Holder(Signed statement) {}

  @Test
  void aRegisteredConverterBuildsItsTypeAndReportsItsOwnErrorsWithTheLine() {
    ArgConverters.register(
        Signed.class,
        node -> {
          YamlMap m = node.map().allow("signer", "text");
          String signer = m.require("signer").text("a keyring name");
          if (signer.equals("nobody")) throw m.require("signer").error("nobody cannot sign");
          return new Signed(signer, m.require("text").text("text"));
        });
    Holder h = (Holder) convert("statement: {signer: alice, text: hi}", Holder.class);
    assertThat(h.statement().signer).isEqualTo("alice");
    assertThat(h.statement().text).isEqualTo("hi");
    assertThatThrownBy(() -> convert("statement:\n  signer: nobody\n  text: hi", Holder.class))
        .hasMessage("a.yaml:2: statement.signer: nobody cannot sign");
    assertThatThrownBy(() -> convert("statement: {signer: alice, txt: hi}", Holder.class))
        .hasMessageStartingWith("a.yaml:1: statement: unknown key 'txt' (did you mean 'text'?)");
  }

  @Test
  void aTypeWithoutConversionSaysHowToAddOne() {
    record Odd(Thread t) {}
    assertThatThrownBy(() -> convert("t: x", Odd.class))
        .hasMessageStartingWith(
            "a.yaml:1: t: no conversion to Thread (a converter can be added with ArgConverters.register)");
  }
}
