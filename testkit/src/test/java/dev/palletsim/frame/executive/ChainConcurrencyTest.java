package dev.palletsim.frame.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The concurrency contract of {@link Chain}: one thread at a time, handed over freely between
 * calls; a second thread entering while one is inside fails fast instead of losing calls.
 */
class ChainConcurrencyTest {

  @Test
  void aSecondThreadEnteringWhileOneIsInsideFailsFastWithAClearError() throws Exception {
    Chain chain = MockRuntime.start();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    chain.onBlock(
        r -> {
          inside.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "block-producer"));
    try {
      Future<BlockRecord> producing = pool.submit(chain::nextBlock);
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      long hashWhileInside = chain.stateHash();
      assertThatThrownBy(
              () -> chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 1)))
          .isInstanceOf(ConcurrentChainUseException.class)
          .hasMessageContaining("two threads at once")
          .hasMessageContaining("dispatch")
          .hasMessageContaining("'block-producer'")
          .hasMessageContaining("nextBlock")
          .hasMessageContaining("fork()");
      assertThatThrownBy(() -> chain.nextBlock()).isInstanceOf(ConcurrentChainUseException.class);
      release.countDown();
      assertThat(producing.get(10, TimeUnit.SECONDS).number()).isEqualTo(1);
      // the refused calls changed nothing; the chain works again once the other thread is out
      assertThat(chain.blockNumber()).isEqualTo(2);
      assertThat(hashWhileInside).isNotZero();
      assertThat(chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 1)))
          .matches(DispatchOutcome::isSuccess);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /**
   * Two threads hammering one chain used to lose about 40% of the calls that reported success (a
   * read-modify-write of the chain's state by each); now every call either takes effect and says
   * so, or is refused with {@link ConcurrentChainUseException} and changes nothing.
   */
  @Test
  void noSuccessfulCallIsLostWhenTwoThreadsShareAChain() throws Exception {
    Chain chain = MockRuntime.start();
    long bobBefore = chain.free(Dev.BOB);
    int perThread = 800; // 1,600 transfers stay well within one block's weight limit
    AtomicLong succeeded = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (var signer : List.of(Dev.ALICE, Dev.CHARLIE)) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    try {
                      var out =
                          chain.dispatch(signer, new BalancesCall.TransferAllowDeath(Dev.BOB, 1));
                      (out.isSuccess() ? succeeded : failed).incrementAndGet();
                    } catch (ConcurrentChainUseException e) {
                      refused.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(succeeded.get() + failed.get() + refused.get()).isEqualTo(2L * perThread);
    assertThat(failed.get()).isZero();
    assertThat(chain.free(Dev.BOB) - bobBefore).isEqualTo(succeeded.get());
    assertThat(chain.extrinsics()).hasSize((int) succeeded.get());
  }

  @Test
  void aChainMayBeHandedFromOneThreadToAnotherBetweenCalls() throws Exception {
    Chain chain = MockRuntime.start();
    ExecutorService first = Executors.newSingleThreadExecutor();
    ExecutorService second = Executors.newSingleThreadExecutor();
    try {
      first.submit(() -> chain.runBlocks(3)).get(10, TimeUnit.SECONDS);
      second.submit(() -> chain.runBlocks(2)).get(10, TimeUnit.SECONDS);
      first
          .submit(() -> chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 5)))
          .get(10, TimeUnit.SECONDS);
    } finally {
      first.shutdownNow();
      second.shutdownNow();
    }
    Chain alone = MockRuntime.start();
    alone.runBlocks(5);
    alone.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 5));
    assertThat(chain.blockNumber()).isEqualTo(6);
    assertThat(chain.stateHash()).isEqualTo(alone.stateHash());
  }

  @Test
  void aListenerMayCallBackIntoItsChainOnTheSameThread() {
    Chain chain = MockRuntime.start();
    List<Long> seen = new ArrayList<>();
    chain.onBlock(r -> seen.add(chain.blockNumber()));
    chain.onBlock(
        r -> {
          if (r.number() == 1) {
            chain.setOnline(Dev.ALICE, true);
          }
        });
    chain.runBlocks(2);
    assertThat(seen).containsExactly(2L, 3L);
  }
}
