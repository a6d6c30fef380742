package dev.palletsim.benchmarks.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Ed25519;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketStorage;
import io.vavr.collection.Vector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Signed publication (issue 16, point 3) goes through the real extrinsic: the market verifies every
 * client signature (a wrong key is refused), and the market ends as bulk publication leaves it,
 * item for item, with deal ids in the proposals' order.
 */
class SignedDealsTest {
  static Network network(Runtime runtime, Chain chain) {
    return new Network(
        NetworkSpec.of(2, 1, 1),
        runtime,
        chain,
        Vector.of(BulkDealsTest.PROVIDERS).map(Keyring::account),
        Vector.of(BulkDealsTest.CLIENTS).map(Keyring::account),
        Vector.empty(),
        Vector.empty());
  }

  static Ed25519.SigningKey keyOf(AccountId client) {
    return Keyring.signingKey(Keyring.nameOf(client));
  }

  @Test
  void signedPublicationLeavesTheMarketAsBulkPublicationDoes() {
    Runtime runtime = BulkDealsTest.runtime();
    Chain signed = BulkDealsTest.funded(runtime);
    Chain bulk = signed.fork();
    Vector<DealProposal> deals = BulkDealsTest.proposals(runtime, signed.blockNumber());
    Network net = network(runtime, signed);
    assertThat(SignedDeals.publish(net, deals.toJavaList(), SignedDealsTest::keyOf)).isZero();
    assertThat(BulkDeals.publish(bulk, deals)).isZero();
    for (int id = 0; id < deals.size(); id++) {
      assertThat(MarketStorage.PROPOSALS.get(signed.world(), id).label())
          .isEqualTo(deals.get(id).label());
    }
    World a = signed.world();
    World b = bulk.world();
    var items = a.itemKeys().filter(k -> k.startsWith("Market."));
    assertThat(items).contains("Market.Proposals", "Market.PendingProposals");
    for (String item : items) assertThat(a.itemHash(item)).as(item).isEqualTo(b.itemHash(item));
    // three calls: the proposals alternate providers in runs of two
    assertThat(SignedDeals.calls(net, new long[] {2, 2, 2})).isEqualTo(3);
  }

  @Test
  void aProposalSignedWithAnotherKeyIsRefusedByTheMarket() {
    Runtime runtime = BulkDealsTest.runtime();
    Chain chain = BulkDealsTest.funded(runtime);
    Vector<DealProposal> deals = BulkDealsTest.proposals(runtime, chain.blockNumber());
    AccountId provider = deals.head().provider();
    var batch = deals.filter(p -> p.provider().equals(provider)).toJavaList();
    // the deals of the first deal's client signed with a stranger's key, the others by theirs
    AccountId first = batch.get(0).client();
    Function<AccountId, Ed25519.SigningKey> oneWrong =
        c -> c.equals(first) ? Keyring.signingKey("not-the-client") : keyOf(c);
    var out =
        chain.dispatch(
            provider,
            new MarketCall.PublishStorageDeals(Vector.ofAll(SignedDeals.sign(batch, oneWrong))));
    assertThat(out.isSuccess()).isTrue();
    var rejected =
        out.events()
            .filter(e -> e instanceof MarketEvent.DealRejected)
            .map(e -> (MarketEvent.DealRejected) e);
    var ofThatClient =
        io.vavr.collection.List.range(0, batch.size())
            .filter(i -> batch.get(i).client().equals(first));
    assertThat(ofThatClient).hasSizeGreaterThanOrEqualTo(1).hasSizeLessThan(batch.size());
    assertThat(rejected.map(MarketEvent.DealRejected::index))
        .containsExactlyElementsOf(ofThatClient);
    assertThat(rejected.map(r -> r.error().describe()).distinct())
        .containsExactly("Market::InvalidClientSignature");
    // publication checks that every deal was accepted
    Chain other = BulkDealsTest.funded(runtime);
    assertThatThrownBy(
            () -> SignedDeals.publish(network(runtime, other), deals.toJavaList(), oneWrong))
        .hasMessageContaining(
            (deals.size() - deals.count(p -> p.client().equals(first)))
                + " of "
                + deals.size()
                + " deals published");
  }

  @Test
  void thePublicationEstimateCoversTheBlocksPublicationTakes() {
    Runtime runtime = BulkDealsTest.runtime();
    Chain chain = BulkDealsTest.funded(runtime);
    Network net = network(runtime, chain);
    Vector<DealProposal> deals = BulkDealsTest.proposals(runtime, chain.blockNumber());
    var sample = deals.filter(p -> p.provider().equals(deals.head().provider())).toJavaList();
    long estimate = SignedDeals.blocksFor(net, 3, sample, SignedDealsTest::keyOf);
    long before = net.now();
    SignedDeals.publish(net, deals.toJavaList(), SignedDealsTest::keyOf);
    assertThat(net.now() - before).isLessThanOrEqualTo(estimate);
    assertThat(MarketStorage.NEXT_DEAL_ID.get(chain.world())).isEqualTo(deals.size());
  }
}
