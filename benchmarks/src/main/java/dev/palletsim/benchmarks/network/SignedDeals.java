package dev.palletsim.benchmarks.network;

import dev.palletsim.frame.crypto.Ed25519;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.market.Signature;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Publication of many deals the way their actors would (seed 002 {@code PublishStorageDeals}):
 * every proposal signed with its client's Ed25519 key, providers publishing their own deals through
 * {@code publishStorageDeals} in calls of at most {@code maxDealsPerPublish}, the market verifying
 * every signature. Signing and verifying are pure, so they run on all cores, a chunk of proposals
 * at a time (the whole network's signed proposals are never held at once), ahead of dispatch: while
 * the chain's thread dispatches one chunk, a pool of one thread per core signs the next and checks
 * its signatures ({@code MarketPallet.preverifySignatures}, the transaction pool's check), so that
 * the block takes each result instead of verifying on the chain's thread. Dispatch stays
 * sequential, as a chain's is, and its outcome is the same as without the check ahead. Deal ids
 * follow the order of the proposals.
 */
public final class SignedDeals {
  private SignedDeals() {}

  /** Proposals signed and checked per parallel round. */
  static final int CHUNK = 1 << 14;

  /**
   * Publishes {@code proposals} in order, each signed by {@code keyOf} its client, in runs of one
   * provider; returns the id of the first. Every deal must be accepted (throws otherwise).
   */
  public static long publish(
      Network net, List<DealProposal> proposals, Function<AccountId, Ed25519.SigningKey> keyOf) {
    Chain chain = net.chain();
    long first = MarketStorage.NEXT_DEAL_ID.get(chain.world());
    int max = net.market().config().maxDealsPerPublish();
    int chunks = (proposals.size() + CHUNK - 1) / CHUNK;
    ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    try {
      Future<List<ClientDealProposal>> next =
          pool.submit(() -> prepare(net, chunk(proposals, 0), keyOf));
      for (int c = 0; c < chunks; c++) {
        List<ClientDealProposal> signed = next.get();
        if (c + 1 < chunks) {
          List<DealProposal> following = chunk(proposals, c + 1);
          next = pool.submit(() -> prepare(net, following, keyOf));
        }
        for (int i = 0; i < signed.size(); ) {
          AccountId provider = signed.get(i).proposal().provider();
          int to = i;
          while (to < signed.size()
              && to - i < max
              && signed.get(to).proposal().provider().equals(provider)) {
            to++;
          }
          net.submit(
              provider, new MarketCall.PublishStorageDeals(Vector.ofAll(signed.subList(i, to))));
          i = to;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("signing failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long published = MarketStorage.NEXT_DEAL_ID.get(chain.world()) - first;
    if (published != proposals.size()) {
      throw new IllegalStateException(
          published + " of " + proposals.size() + " deals published: some were rejected");
    }
    return first;
  }

  private static List<DealProposal> chunk(List<DealProposal> proposals, int c) {
    return proposals.subList(c * CHUNK, Math.min(proposals.size(), (c + 1) * CHUNK));
  }

  /** {@code proposals} signed by their clients and their signatures checked ahead, in parallel. */
  private static List<ClientDealProposal> prepare(
      Network net, List<DealProposal> proposals, Function<AccountId, Ed25519.SigningKey> keyOf) {
    List<ClientDealProposal> signed = sign(proposals, keyOf);
    net.market().preverifySignatures(signed);
    return signed;
  }

  /** {@code proposals} signed by their clients, on all cores. */
  static List<ClientDealProposal> sign(
      List<DealProposal> proposals, Function<AccountId, Ed25519.SigningKey> keyOf) {
    return IntStream.range(0, proposals.size())
        .parallel()
        .mapToObj(
            i -> {
              DealProposal p = proposals.get(i);
              byte[] sig = keyOf.apply(p.client()).sign(p.encode());
              return new ClientDealProposal(p, Signature.of(sig));
            })
        .toList();
  }

  /**
   * The {@code publishStorageDeals} calls {@link #publish} makes for deals whose providers, in deal
   * order, come in runs of {@code runs} deals each.
   */
  public static long calls(Network net, long[] runs) {
    int max = net.market().config().maxDealsPerPublish();
    long calls = 0;
    for (long r : runs) calls += (r + max - 1) / max;
    return calls;
  }

  /**
   * The blocks that {@code calls} publication calls take at most, from the weight of one full call
   * of {@code sample} (proposals of the network's shape, not yet started, one provider) dispatched
   * on a fork of the chain: the calls that fit in a block, plus a margin.
   */
  public static long blocksFor(
      Network net,
      long calls,
      List<DealProposal> sample,
      Function<AccountId, Ed25519.SigningKey> keyOf) {
    if (calls == 0) return 0;
    int max = net.market().config().maxDealsPerPublish();
    List<DealProposal> batch = sample.subList(0, Math.min(sample.size(), max));
    Chain fork = net.chain().fork();
    DispatchOutcome out =
        fork.dispatch(
            batch.get(0).provider(),
            new MarketCall.PublishStorageDeals(Vector.ofAll(sign(batch, keyOf))));
    if (!out.isSuccess()) throw new IllegalStateException("sample publication failed: " + out);
    long callWeight = out.weight().refTime();
    long perBlock = Math.max(1, net.runtime().config().maxBlockWeight().refTime() / callWeight);
    return (calls + perBlock - 1) / perBlock * 11 / 10 + 2;
  }
}
