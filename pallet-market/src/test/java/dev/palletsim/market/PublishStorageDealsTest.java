package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.CLIENT2;
import static dev.palletsim.market.MarketFixture.FUNDS;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.market.MarketFixture.PROVIDER2;
import static dev.palletsim.market.MarketFixture.STRANGER;
import static dev.palletsim.market.MarketFixture.UNREGISTERED;
import static dev.palletsim.market.MarketFixture.publishCall;
import static dev.palletsim.market.MarketFixture.signed;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.VerifiedRegistry;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code publishStorageDeals}: success, every failure condition of seed 002, batches and races. */
class PublishStorageDealsTest {

  private static MarketFixture funded() {
    return MarketFixture.start().fundParties();
  }

  private static void failsWith(MarketFixture f, MarketError error, ClientDealProposal... deals) {
    assertFailsWithoutEffect(f.chain, Origin.signed(PROVIDER), publishCall(deals), error);
  }

  private static void dealFails(
      MarketError error, UnaryOperator<MarketFixture.ProposalBuilder> change) {
    MarketFixture f = funded();
    failsWith(f, error, change.apply(f.deal()).signed());
  }

  // ------------------------------------------------------------------ signatures checked ahead

  @Test
  void signaturesCheckedAheadGiveTheSameOutcomeWithoutAVerificationInTheBlock() {
    MarketFixture ahead = funded();
    MarketFixture inBlock = funded();
    DealProposal a = ahead.deal().build();
    DealProposal b = ahead.deal().client(CLIENT2).price(7).start(ahead.now() + 20).build();
    ClientDealProposal[] deals = {signed(a), signed(b)};
    ahead.market.preverifySignatures(java.util.List.of(deals));
    assertThat(ahead.market.signatures().preverifiedWaiting()).isEqualTo(2);
    var withCheck = ahead.dispatch(PROVIDER, publishCall(deals));
    var without = inBlock.dispatch(PROVIDER, publishCall(deals));
    assertThat(withCheck).isSuccess();
    org.assertj.core.api.Assertions.assertThat(withCheck.events()).isEqualTo(without.events());
    org.assertj.core.api.Assertions.assertThat(ahead.chain.stateHash())
        .isEqualTo(inBlock.chain.stateHash());
    // the block verified nothing itself: it took both results checked ahead
    org.assertj.core.api.Assertions.assertThat(ahead.market.signatures().preverifiedTaken())
        .isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(ahead.market.signatures().stats().missCount())
        .isZero();
    org.assertj.core.api.Assertions.assertThat(inBlock.market.signatures().stats().missCount())
        .isEqualTo(2);
  }

  @Test
  void aForgedSignatureCheckedAheadIsRefusedAsInTheBlock() {
    MarketFixture f = funded();
    DealProposal p = f.deal().build();
    ClientDealProposal forged = ClientDealProposal.signedBy(p, "charlie");
    f.market.preverifySignatures(java.util.List.of(forged));
    failsWith(f, MarketError.InvalidClientSignature, forged);
    // malformed deals are left to the call, which refuses them
    f.market.preverifySignatures(
        java.util.Arrays.asList(null, new ClientDealProposal(null, forged.clientSignature())));
    org.assertj.core.api.Assertions.assertThat(f.market.signatures().preverifiedWaiting()).isZero();
  }

  // ------------------------------------------------------------------ success

  @Test
  void publishingLocksFundsAssignsDenseIdsAndSchedulesTheFirstCronVisit() {
    MarketFixture f = funded();
    DealProposal a = f.deal().build();
    DealProposal b = f.deal().client(CLIENT2).price(7).start(f.now() + 20).build();
    var outcome = f.dispatch(PROVIDER, publishCall(signed(a), signed(b)));
    assertThat(outcome)
        .isSuccess()
        .emittedExactly(
            new MarketEvent.DealPublished(0, CLIENT, PROVIDER),
            new MarketEvent.DealPublished(1, CLIENT2, PROVIDER));

    assertThat(f.proposal(0)).contains(a);
    assertThat(f.proposal(1)).contains(b);
    assertThat(f.state(0)).isEmpty();
    assertThat(f.chain.query(MarketStorage.NEXT_DEAL_ID)).isEqualTo(2L);
    assertThat(f.locked(CLIENT)).isEqualTo(a.clientCollateral() + a.totalStorageFee());
    assertThat(f.locked(CLIENT2)).isEqualTo(b.clientCollateral() + b.totalStorageFee());
    assertThat(f.locked(PROVIDER)).isEqualTo(a.providerCollateral() + b.providerCollateral());
    assertThat(f.escrow(CLIENT)).isEqualTo(FUNDS);
    assertThat(f.chain.query(MarketStorage.TOTAL_CLIENT_STORAGE_FEE))
        .isEqualTo(a.totalStorageFee() + b.totalStorageFee());
    assertThat(f.chain.query(MarketStorage.TOTAL_CLIENT_LOCKED_COLLATERAL))
        .isEqualTo(a.clientCollateral() + b.clientCollateral());
    assertThat(f.chain.query(MarketStorage.TOTAL_PROVIDER_LOCKED_COLLATERAL))
        .isEqualTo(a.providerCollateral() + b.providerCollateral());
    assertThat(f.chain.query(MarketStorage.PENDING_PROPOSALS, a.hash())).contains(0L);
    // first cron visits spread by id over the 100-block interval: next_update_epoch(0, 100, 11)
    // = 100, next_update_epoch(1, 100, 21) = 101
    assertThat(a.startBlock()).isEqualTo(11);
    assertThat(b.startBlock()).isEqualTo(21);
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, 100L)).contains(DealIds.of(0));
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, 101L)).contains(DealIds.of(1));
    assertThat(MarketStorage.DEAL_OPS_BY_BLOCK.count(f.chain.world())).isEqualTo(2);
    f.chain.nextBlock();
  }

  @Test
  void aDealMayStartInTheBlockItIsPublished() {
    MarketFixture f = funded();
    assertThat(f.dispatch(PROVIDER, publishCall(f.deal().start(f.now()).signed()))).isSuccess();
  }

  @Test
  void zeroPriceAndZeroClientCollateralArePublishable() {
    MarketFixture f = funded();
    DealProposal p = f.deal().price(0).clientCollateral(0).build();
    f.publish(p);
    assertThat(f.locked(CLIENT)).isZero();
    f.chain.nextBlock();
  }

  @Test
  void publicationReportsOneWorkItemPerDeal() {
    MarketFixture f = funded();
    f.publish(f.deal().signed(), f.deal().signed(), f.deal().signed());
    var record = f.chain.nextBlock();
    long items =
        record
            .work()
            .filter(w -> w.pallet().equals(MarketPallet.NAME))
            .map(w -> w.items())
            .sum()
            .longValue();
    assertThat(items).isGreaterThanOrEqualTo(3);
  }

  // ------------------------------------------------------------------ message-level failures

  @Test
  void anEmptyBatchFails() {
    MarketFixture f = funded();
    failsWith(f, MarketError.EmptyBatch);
  }

  @Test
  void aBatchOverTheBoundFails() {
    MarketFixture f = MarketFixture.start(b -> b.maxDealsPerPublish(2)).fundParties();
    failsWith(
        f, MarketError.BatchTooLarge, f.deal().signed(), f.deal().signed(), f.deal().signed());
  }

  @Test
  void missingPartsOfABatchAreBadInput() {
    MarketFixture f = funded();
    Origin bob = Origin.signed(PROVIDER);
    assertBadInputWithoutEffect(f.chain, bob, new MarketCall.PublishStorageDeals(null));
    assertBadInputWithoutEffect(
        f.chain, bob, new MarketCall.PublishStorageDeals(Vector.of((ClientDealProposal) null)));
    DealProposal p = f.deal().build();
    Signature sig = signed(p).clientSignature();
    assertBadInputWithoutEffect(f.chain, bob, publishCall(new ClientDealProposal(null, sig)));
    assertBadInputWithoutEffect(f.chain, bob, publishCall(new ClientDealProposal(p, null)));
    assertBadInputWithoutEffect(f.chain, bob, publishCall(new ClientDealProposal(p, sig, null)));
    assertBadInputWithoutEffect(
        f.chain, bob, publishCall(new ClientDealProposal(p, sig, Option.some(null))));
    assertBadInputWithoutEffect(f.chain, bob, publishCall(unsigned(f.deal().pieceCid(null))));
    assertBadInputWithoutEffect(f.chain, bob, publishCall(unsigned(f.deal().client(null))));
    assertBadInputWithoutEffect(f.chain, bob, publishCall(unsigned(f.deal().provider(null))));
    assertBadInputWithoutEffect(f.chain, bob, publishCall(unsigned(f.deal().label(null))));
  }

  /** A proposal with a placeholder signature (a proposal missing fields cannot be encoded). */
  private static ClientDealProposal unsigned(MarketFixture.ProposalBuilder b) {
    return new ClientDealProposal(b.build(), Signature.of(new byte[64]));
  }

  @Test
  void anUnregisteredProviderCannotPublish() {
    MarketFixture f = funded();
    f.fund(UNREGISTERED, FUNDS);
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(UNREGISTERED),
        publishCall(f.deal().provider(UNREGISTERED).signed()),
        MarketError.ProviderNotRegistered);
  }

  @Test
  void someoneNeitherProviderNorClientCannotPublish() {
    MarketFixture f = funded();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(STRANGER),
        publishCall(f.deal().signed()),
        MarketError.CallerNotProviderOrClient);
  }

  @Test
  void unsignedOriginsCannotPublish() {
    MarketFixture f = funded();
    assertFailsWithoutEffect(
        f.chain, Origin.root(), publishCall(f.deal().signed()), DispatchError.badOrigin());
  }

  // ------------------------------------------------------------------ per-deal failures

  @Test
  void aSignatureByAnotherKeyFails() {
    MarketFixture f = funded();
    DealProposal p = f.deal().build();
    failsWith(f, MarketError.InvalidClientSignature, ClientDealProposal.signedBy(p, "charlie"));
  }

  @Test
  void aSignatureOverOtherTermsFails() {
    MarketFixture f = funded();
    DealProposal signedTerms = f.deal().price(1).build();
    DealProposal submitted = f.deal().pieceCid(signedTerms.pieceCid()).price(2).build();
    failsWith(
        f,
        MarketError.InvalidClientSignature,
        new ClientDealProposal(submitted, signed(signedTerms).clientSignature()));
  }

  @Test
  void aMalformedSignatureFails() {
    MarketFixture f = funded();
    failsWith(
        f,
        MarketError.InvalidClientSignature,
        new ClientDealProposal(f.deal().build(), Signature.of(new byte[3])));
  }

  @Test
  void aLabelThatIsNotUnicodeFails() {
    dealFails(MarketError.InvalidLabel, b -> b.label("bad \uD800 label"));
  }

  @Test
  void aLabelOverTwoHundredFiftySixBytesFails() {
    dealFails(MarketError.LabelTooLong, b -> b.label("x".repeat(257)));
    dealFails(MarketError.LabelTooLong, b -> b.label("é".repeat(129)));
    MarketFixture f = funded();
    f.publish(f.deal().label("é".repeat(128)).signed());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -128, 64, 100, 254, 3000, 127})
  void aPieceSizeThatIsNotAPowerOfTwoOfAtLeast128Fails(long size) {
    dealFails(MarketError.InvalidPieceSize, b -> b.pieceSize(size));
  }

  @Test
  void anUndefinedPieceCidFails() {
    dealFails(MarketError.UndefinedPieceCid, b -> b.pieceCid(Cid.UNDEFINED));
  }

  @Test
  void aPieceCidWithoutTheUnsealedPrefixFails() {
    Cid sealed = Cid.sealed(Commitments.piece("x").digest());
    dealFails(MarketError.InvalidPieceCid, b -> b.pieceCid(sealed));
  }

  @Test
  void anEndNotAfterTheStartFails() {
    dealFails(MarketError.DealEndNotAfterStart, b -> b.duration(0));
    dealFails(MarketError.DealEndNotAfterStart, b -> b.duration(-5));
  }

  @Test
  void aStartInThePastFails() {
    MarketFixture f = funded();
    f.runTo(20);
    failsWith(f, MarketError.DealStartPassed, f.deal().start(19).signed());
  }

  @Test
  void aDurationOutOfBoundsFails() {
    dealFails(MarketError.DurationOutOfBounds, b -> b.duration(9));
    dealFails(MarketError.DurationOutOfBounds, b -> b.duration(100_001));
    MarketFixture f = funded();
    f.publish(f.deal().duration(10).signed());
  }

  @Test
  void aPriceOutOfBoundsFails() {
    dealFails(MarketError.PriceOutOfBounds, b -> b.price(-1));
    dealFails(MarketError.PriceOutOfBounds, b -> b.price(1_000 * Units.TOKEN + 1));
  }

  @Test
  void aProviderCollateralOutOfBoundsFails() {
    // 2 KiB at one token per GiB: floor(2048 × 10^10 / 2^30) = 19 073 planck
    dealFails(MarketError.ProviderCollateralOutOfBounds, b -> b.providerCollateral(19_072));
    dealFails(MarketError.ProviderCollateralOutOfBounds, b -> b.providerCollateral(-1));
    dealFails(
        MarketError.ProviderCollateralOutOfBounds,
        b -> b.providerCollateral(100_000_000 * Units.TOKEN + 1));
    MarketFixture f = funded();
    f.publish(f.deal().providerCollateral(19_073).signed());
  }

  @Test
  void aClientCollateralOutOfBoundsFails() {
    dealFails(MarketError.ClientCollateralOutOfBounds, b -> b.clientCollateral(-1));
    dealFails(
        MarketError.ClientCollateralOutOfBounds,
        b -> b.clientCollateral(100_000_000 * Units.TOKEN + 1));
  }

  @Test
  void dealsWithDifferentProvidersCannotBeMixed() {
    MarketFixture f = funded();
    failsWith(
        f, MarketError.MixedProviders, f.deal().signed(), f.deal().provider(PROVIDER2).signed());
  }

  @Test
  void aVerifiedDealNeedsTheClientsDataCapForItsPiece() {
    dealFails(MarketError.InsufficientDataCap, b -> b.verified(true));
    MarketFixture f = funded().dataCap(CLIENT, 2 * Units.KIB - 1);
    failsWith(f, MarketError.InsufficientDataCap, f.deal().verified(true).signed());
    f.dataCap(CLIENT, 2 * Units.KIB);
    f.publish(f.deal().verified(true).signed());
    assertThat(f.dataCap(CLIENT)).isZero();
  }

  @Test
  void aVerifiedDealAllocatesItsPieceForItsProviderWithTheTermsOfAllocRequestForDeal() {
    MarketFixture f = funded().dataCap(CLIENT, 10 * Units.KIB);
    long now = f.now();
    // term buffer 200 blocks (testnet), maximum term 100,200, claimable for 1,000 blocks
    DealProposal near = f.deal().verified(true).start(now + 10).end(now + 110).build();
    DealProposal far = f.deal().verified(true).start(now + 5_000).end(now + 105_000).build();
    Vector<Long> ids = f.publish(signed(near), signed(far));
    var transfer = FakeVerifiedRegistry.transfers(f.chain.world()).single();
    assertThat(transfer.client()).isEqualTo(CLIENT);
    assertThat(transfer.requests())
        .containsExactly(
            new VerifiedRegistry.AllocationRequest(
                PROVIDER, near.pieceCid(), 2 * Units.KIB, 100, 300, now + 10),
            new VerifiedRegistry.AllocationRequest(
                PROVIDER, far.pieceCid(), 2 * Units.KIB, 100_000, 100_200, now + 1_000));
    assertThat(f.pendingAllocation(ids.get(0))).contains(transfer.ids().get(0));
    assertThat(f.pendingAllocation(ids.get(1))).contains(transfer.ids().get(1));
    assertThat(f.dataCap(CLIENT)).isEqualTo(6 * Units.KIB);
  }

  @Test
  void eachClientsVerifiedDealsAllocateInOneTransferInTheOrderOfTheirFirstDeal() {
    MarketFixture f = funded().dataCap(CLIENT, 4 * Units.KIB).dataCap(CLIENT2, 2 * Units.KIB);
    DealProposal c2 = f.deal().client(CLIENT2).verified(true).build();
    DealProposal c1a = f.deal().verified(true).build();
    DealProposal plain = f.deal().build();
    DealProposal c1b = f.deal().verified(true).build();
    Vector<Long> ids = f.publish(signed(c2), signed(c1a), signed(plain), signed(c1b));
    var transfers = FakeVerifiedRegistry.transfers(f.chain.world());
    assertThat(transfers.map(FakeVerifiedRegistry.Transfer::client))
        .containsExactly(CLIENT2, CLIENT);
    assertThat(transfers.map(t -> t.ids())).containsExactly(Vector.of(1L), Vector.of(2L, 3L));
    assertThat(f.pendingAllocation(ids.get(0))).contains(1L);
    assertThat(f.pendingAllocation(ids.get(1))).contains(2L);
    assertThat(f.pendingAllocation(ids.get(2))).isEmpty();
    assertThat(f.pendingAllocation(ids.get(3))).contains(3L);
  }

  @Test
  void aFilteredBatchDropsTheVerifiedDealsItsClientsDataCapDoesNotCover() {
    MarketFixture f =
        MarketFixture.start(b -> b.publishMode(PublishMode.FilterInvalid))
            .fundParties()
            .dataCap(CLIENT, 3 * Units.KIB);
    DealProposal first = f.deal().verified(true).build();
    DealProposal second = f.deal().verified(true).build();
    DealProposal third = f.deal().verified(true).pieceSize(Units.KIB).build();
    var outcome = f.dispatch(PROVIDER, publishCall(signed(first), signed(second), signed(third)));
    assertThat(outcome)
        .isSuccess()
        .emitted(
            MarketEvent.DealRejected.class,
            e ->
                e.index() == 1
                    && e.error().equals(DispatchError.module(MarketError.InsufficientDataCap)));
    assertThat(outcome.eventsOf(MarketEvent.DealPublished.class)).hasSize(2);
    assertThat(f.dataCap(CLIENT)).isZero();
  }

  @Test
  void aClientShortOfFundsFails() {
    dealFails(MarketError.InsufficientClientFunds, b -> b.clientCollateral(FUNDS + 1));
    dealFails(MarketError.InsufficientClientFunds, b -> b.price(FUNDS / 100 + 1));
  }

  @Test
  void aProviderShortOfFundsFails() {
    dealFails(MarketError.InsufficientProviderFunds, b -> b.providerCollateral(FUNDS + 1));
  }

  @Test
  void clientFundsAreCheckedAgainstTheRunningTotalOfTheBatch() {
    MarketFixture f = funded();
    long half = FUNDS / 2;
    failsWith(
        f,
        MarketError.InsufficientClientFunds,
        f.deal().clientCollateral(half).signed(),
        f.deal().clientCollateral(half).signed());
    f.publish(f.deal().clientCollateral(half).signed());
  }

  @Test
  void providerFundsAreCheckedAgainstTheRunningTotalOfTheBatch() {
    MarketFixture f = funded();
    long most = FUNDS * 2 / 3;
    failsWith(
        f,
        MarketError.InsufficientProviderFunds,
        f.deal().providerCollateral(most).signed(),
        f.deal().client(CLIENT2).providerCollateral(most).signed());
  }

  @Test
  void aSelfDealNeedsTheFundsOfBothRoles() {
    MarketFixture f = funded();
    long escrow = f.escrow(PROVIDER);
    DealProposal tooMuch =
        f.deal()
            .client(PROVIDER)
            .clientCollateral(escrow / 2)
            .providerCollateral(escrow / 2 + 1)
            .price(0)
            .build();
    failsWith(
        f, MarketError.InsufficientProviderFunds, ClientDealProposal.signedBy(tooMuch, "bob"));
    DealProposal fits =
        f.deal()
            .client(PROVIDER)
            .clientCollateral(escrow / 2)
            .providerCollateral(escrow / 2)
            .price(0)
            .build();
    f.publish(ClientDealProposal.signedBy(fits, "bob"));
    assertThat(f.locked(PROVIDER)).isEqualTo(escrow);
    f.chain.nextBlock();
  }

  @Test
  void aProposalAlreadyPendingCannotBePublishedAgain() {
    MarketFixture f = funded();
    ClientDealProposal d = f.deal().signed();
    f.publish(d);
    failsWith(f, MarketError.DuplicateProposal, d);
  }

  @Test
  void theSameProposalTwiceInOneBatchFails() {
    MarketFixture f = funded();
    ClientDealProposal d = f.deal().signed();
    failsWith(f, MarketError.DuplicateProposal, d, d);
  }

  @Test
  void aFeeThatOverflowsIsAnArithmeticError() {
    MarketFixture f =
        MarketFixture.start(b -> b.maxStoragePricePerBlock(Long.MAX_VALUE)).fundParties();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(PROVIDER),
        publishCall(f.deal().price(Long.MAX_VALUE / 50).signed()),
        DispatchError.arithmetic(ArithmeticError.Overflow));
  }

  @Test
  void oneBadDealFailsTheWholeBatch() {
    MarketFixture f = funded();
    failsWith(f, MarketError.DurationOutOfBounds, f.deal().signed(), f.deal().duration(1).signed());
    assertThat(f.chain.query(MarketStorage.NEXT_DEAL_ID)).isZero();
  }

  // ------------------------------------------------------------------ seed 000's race

  @Test
  void ofTwoDealsCompetingForTheSameFundsOnlyTheFirstClears() {
    MarketFixture f = MarketFixture.start().fundParties();
    long most = FUNDS * 3 / 4;
    ClientDealProposal first = f.deal().clientCollateral(most).signed();
    ClientDealProposal second = f.deal().provider(PROVIDER2).clientCollateral(most).signed();
    assertThat(f.dispatch(PROVIDER, publishCall(first))).isSuccess();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(PROVIDER2),
        publishCall(second),
        MarketError.InsufficientClientFunds);
    f.chain.nextBlock();
  }

  @Test
  void aProviderEnteringTwoDealsWithCollateralForOneClearsOnlyTheFirst() {
    MarketFixture f = MarketFixture.start().fundParties();
    long most = FUNDS * 3 / 4;
    assertThat(f.dispatch(PROVIDER, publishCall(f.deal().providerCollateral(most).signed())))
        .isSuccess();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(PROVIDER),
        publishCall(f.deal().client(CLIENT2).providerCollateral(most).signed()),
        MarketError.InsufficientProviderFunds);
  }

  // ------------------------------------------------------------------ the client's backup path

  @Test
  void aClientMayPublishItsOwnDealsWithTheProvidersSignature() {
    MarketFixture f = funded();
    ClientDealProposal d = f.deal().signed().countersignedBy("bob");
    var ids = f.publishAs(CLIENT, d);
    assertThat(ids).containsExactly(0L);
    assertThat(f.locked(PROVIDER)).isEqualTo(d.proposal().providerCollateral());
    f.chain.nextBlock();
  }

  @Test
  void aClientCannotPublishWithoutTheProvidersSignature() {
    MarketFixture f = funded();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(CLIENT),
        publishCall(f.deal().signed()),
        MarketError.InvalidProviderSignature);
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(CLIENT),
        publishCall(f.deal().signed().countersignedBy("dave")),
        MarketError.InvalidProviderSignature);
  }

  @Test
  void aClientCannotPublishAnotherClientsDeal() {
    MarketFixture f = funded();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(CLIENT),
        publishCall(
            f.deal().signed().countersignedBy("bob"),
            f.deal().client(CLIENT2).signed().countersignedBy("bob")),
        MarketError.CallerNotProviderOrClient);
  }

  @Test
  void aProviderSignaturePresentOnTheProvidersPathMustBeValid() {
    MarketFixture f = funded();
    failsWith(f, MarketError.InvalidProviderSignature, f.deal().signed().countersignedBy("dave"));
    f.publish(f.deal().signed().countersignedBy("bob"));
  }

  // ------------------------------------------------------------------ Filecoin's filtering

  @Test
  void inFilterModeInvalidDealsAreDroppedAndReported() {
    MarketFixture f =
        MarketFixture.start(b -> b.publishMode(PublishMode.FilterInvalid)).fundParties();
    long most = FUNDS * 3 / 4;
    var outcome =
        f.dispatch(
            PROVIDER,
            publishCall(
                f.deal().clientCollateral(most).signed(),
                f.deal().duration(1).signed(),
                f.deal().clientCollateral(most).signed(),
                f.deal().client(CLIENT2).signed()));
    assertThat(outcome)
        .isSuccess()
        .emittedExactly(
            new MarketEvent.DealPublished(0, CLIENT, PROVIDER),
            new MarketEvent.DealRejected(1, DispatchError.module(MarketError.DurationOutOfBounds)),
            new MarketEvent.DealRejected(
                2, DispatchError.module(MarketError.InsufficientClientFunds)),
            new MarketEvent.DealPublished(1, CLIENT2, PROVIDER));
    assertThat(f.locked(CLIENT)).isEqualTo(most + 100_000);
    f.chain.nextBlock();
  }

  @Test
  void inFilterModeABatchWithNoValidDealFails() {
    MarketFixture f =
        MarketFixture.start(b -> b.publishMode(PublishMode.FilterInvalid)).fundParties();
    failsWith(
        f, MarketError.NoValidDeals, f.deal().duration(1).signed(), f.deal().price(-1).signed());
  }

  @Test
  void inFilterModeMessageLevelChecksStillFailTheCall() {
    MarketFixture f =
        MarketFixture.start(b -> b.publishMode(PublishMode.FilterInvalid)).fundParties();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(STRANGER),
        publishCall(f.deal().signed()),
        MarketError.CallerNotProviderOrClient);
  }

  // ------------------------------------------------------------------ the signature cache

  @Test
  void verifiedSignaturesAreRememberedAndNeverChangeAnOutcome() {
    MarketFixture f = funded();
    ClientDealProposal d = f.deal().signed();
    f.publish(d);
    var before = f.market.signatures().stats();
    failsWith(f, MarketError.DuplicateProposal, d);
    var after = f.market.signatures().stats();
    assertThat(after.hitCount()).isEqualTo(before.hitCount() + 1);
    ClientDealProposal forged =
        new ClientDealProposal(
            d.proposal(), Signature.of(Keyring.sign("charlie", d.proposal().encode())));
    failsWith(f, MarketError.InvalidClientSignature, forged);
    failsWith(f, MarketError.InvalidClientSignature, forged);
  }
}
