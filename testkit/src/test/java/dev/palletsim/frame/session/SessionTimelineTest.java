package dev.palletsim.frame.session;

import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.SessionManager;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class SessionTimelineTest {

  /** A session manager whose wanted set is changed by a call: the shape of collator selection. */
  static final class Elected implements Pallet, SessionManager {
    static final StorageValue<Vector<AccountId>> WANTED =
        StorageValue.withDefault("Elected", "Wanted", Vector.of(Dev.ALICE));

    @Override
    public String name() {
      return "Elected";
    }

    @Override
    public Option<Seq<AccountId>> newSession(Tx tx, long newIndex) {
      return Option.some(WANTED.get(tx));
    }

    record Want(Vector<AccountId> set) implements Call<Elected> {
      @Override
      public Class<Elected> palletType() {
        return Elected.class;
      }

      @Override
      public void dispatch(Elected p, Tx tx, Origin origin) {
        WANTED.put(tx, set);
      }
    }
  }

  private static Chain chain() {
    return MockRuntime.builder()
        .pallet(new Elected())
        .authorities(List.of(Dev.ALICE, Dev.BOB, Dev.CHARLIE))
        .start();
  }

  @Test
  void aSetChangedAtBlock4IsQueuedAt10AndActiveAt20() {
    Chain chain = chain();
    chain.runToBlock(4);
    chain.dispatch(Dev.ALICE, new Elected.Want(Vector.of(Dev.BOB, Dev.CHARLIE)));

    chain.runToBlock(9);
    assertThat(chain.query(SessionStorage.QUEUED_VALIDATORS)).containsExactly(Dev.ALICE);
    assertThat(chain.sessionIndex()).isZero();

    chain.runToBlock(10);
    assertThat(chain.sessionIndex()).isEqualTo(1);
    assertThat(chain.query(SessionStorage.VALIDATORS)).containsExactly(Dev.ALICE);
    assertThat(chain.query(SessionStorage.QUEUED_VALIDATORS)).containsExactly(Dev.BOB, Dev.CHARLIE);

    chain.runToBlock(19);
    assertThat(chain.query(SessionStorage.AUTHORITIES)).containsExactly(Dev.ALICE);

    chain.runToBlock(20);
    assertThat(chain.sessionIndex()).isEqualTo(2);
    assertThat(chain.query(SessionStorage.VALIDATORS)).containsExactly(Dev.BOB, Dev.CHARLIE);
    assertThat(chain.query(SessionStorage.AUTHORITIES)).containsExactly(Dev.BOB, Dev.CHARLIE);
    // the author of block 20 was chosen from the authorities before the rotation
    assertThat(chain.author()).contains(Dev.ALICE);
    chain.nextBlock();
    assertThat(chain.author().get()).isIn(Dev.BOB, Dev.CHARLIE);
  }

  @Test
  void validatorsWithoutSessionKeysAreLeftOutOfTheQueuedSet() {
    Chain chain = chain();
    chain.dispatch(Dev.ALICE, new Elected.Want(Vector.of(Dev.BOB, Dev.DAVE)));
    chain.runToBlock(10);
    assertThat(chain.query(SessionStorage.QUEUED_VALIDATORS)).containsExactly(Dev.BOB);
  }

  @Test
  void authorshipIsRoundRobinOverTheAuthorities() {
    Chain chain =
        MockRuntime.builder().authorities(List.of(Dev.ALICE, Dev.BOB, Dev.CHARLIE)).start();
    chain.runBlocks(30);
    var counts = chain.history().drop(1).groupBy(r -> r.author().get()).mapValues(Seq::size);
    assertThat(counts.values().toJavaList()).containsOnly(10);
  }

  @Test
  void setKeysRegistersAndRefusesAKeyOwnedByAnother() {
    Chain chain = chain();
    var sessions = chain.runtime().session();
    assertThat(sessions.isRegistered(chain.world(), Dev.DAVE)).isFalse();
    assertThat(
            chain.dispatch(Dev.DAVE, new SessionCall.SetKeys(new SessionKeys(Dev.EVE))).isSuccess())
        .isTrue();
    assertThat(sessions.isRegistered(chain.world(), Dev.DAVE)).isTrue();
    assertFailsWithoutEffect(
        chain,
        Origin.signed(Dev.FERDIE),
        new SessionCall.SetKeys(new SessionKeys(Dev.EVE)),
        SessionError.DuplicatedKey);
    assertThat(chain.dispatch(Dev.DAVE, new SessionCall.PurgeKeys()).isSuccess()).isTrue();
    assertFailsWithoutEffect(
        chain, Origin.signed(Dev.DAVE), new SessionCall.PurgeKeys(), SessionError.NoKeys);
  }

  @Test
  void sessionsRotateEveryPeriodFromTheOffset() {
    var session = new SessionPallet(10, 3, dev.palletsim.frame.executive.Couplings.forTest());
    assertThat(List.rangeClosed(1L, 40L).filter(session::shouldEndSession).toJavaList())
        .containsExactly(3L, 13L, 23L, 33L);
    assertThat(session.nextRotationAfter(0)).isEqualTo(3);
    assertThat(session.nextRotationAfter(3)).isEqualTo(13);
    assertThat(session.nextRotationAfter(12)).isEqualTo(13);
  }
}
