package dev.palletsim.agents.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.agents.board.DealBoard.PieceRef;
import dev.palletsim.agents.board.DealBoard.PieceState;
import dev.palletsim.agents.board.DealBoard.Signing;
import dev.palletsim.agents.board.DealBoard.StorageRequest;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.DealProposal;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class DealBoardTest {
  static final AccountId CLIENT = Keyring.account("board-client");
  static final AccountId SP1 = Keyring.account("board-sp-1");
  static final AccountId SP2 = Keyring.account("board-sp-2");

  private final DealBoard board = new DealBoard();

  /** Two 1 KiB pieces for 100 blocks at 50 per block, provider collateral 7, client 3. */
  private StorageRequest post(long now, long expiry) {
    return board.post("board-client", CLIENT, 1024, 2, 100, 50, 7, 3, now, expiry, 30);
  }

  private static DealProposal proposal(
      StorageRequest r, int index, AccountId provider, long start) {
    return new DealProposal(
        r.pieceCid(index),
        r.pieceSize(),
        false,
        r.clientAccount(),
        provider,
        new PieceRef(r.id(), index).label(),
        start,
        start + r.duration(),
        r.pricePerBlock(),
        r.providerCollateral(),
        r.clientCollateral());
  }

  private void registerHonestClient() {
    board.register(
        "board-client",
        (request, piece, provider, p, now) ->
            DealBoard.checkTerms(request, piece, provider, p, now)
                .<Signing>map(Signing.Refused::new)
                .getOrElse(
                    () ->
                        new Signing.Signed(
                            dev.palletsim.market.ClientDealProposal.signedBy(p, "board-client"))));
  }

  @Test
  void postingOpensEveryPieceAndLogsOneChange() {
    StorageRequest r = post(1, 20);
    assertThat(board.pieces(r.id()))
        .extracting(DealBoard.Piece::state)
        .containsOnly(PieceState.OPEN);
    assertThat(board.isOpen(new PieceRef(r.id(), 1), 1)).isTrue();
    assertThat(board.changesSince(0)).hasSize(1);
    assertThat(board.changesSince(0).head().pieces()).containsExactly(0, 1);
    assertThat(board.cursor()).isEqualTo(1);
    assertThat(board.changesSince(1)).isEmpty();
  }

  @Test
  void twoProvidersNeverHoldTheSamePiece() {
    StorageRequest r = post(1, 20);
    PieceRef p = new PieceRef(r.id(), 0);
    assertThat(board.take(p, SP1, 2)).isTrue();
    assertThat(board.take(p, SP2, 2)).isFalse();
    assertThat(board.isOpen(p, 2)).isFalse();
    assertThat(board.piece(p).get().provider()).contains(SP1);
    assertThat(board.take(new PieceRef(r.id(), 1), SP2, 2)).isTrue();
  }

  @Test
  void aPieceIsNotOfferedFromItsRequestsExpiryEvenBeforeTheClientWithdrawsIt() {
    StorageRequest r = post(1, 20);
    PieceRef p = new PieceRef(r.id(), 0);
    assertThat(board.isOpen(p, 19)).isTrue();
    assertThat(board.isOpen(p, 20)).isFalse();
    assertThat(board.take(p, SP1, 20)).isFalse();
  }

  @Test
  void theClientSignsOnlyProposalsMatchingItsTerms() {
    registerHonestClient();
    StorageRequest r = post(1, 20);
    PieceRef p = new PieceRef(r.id(), 0);
    board.take(p, SP1, 2);
    assertThat(board.requestSignature(p, SP1, proposal(r, 0, SP1, 10), 2))
        .isInstanceOf(Signing.Signed.class);
    DealProposal ok = proposal(r, 0, SP1, 10);
    var wrongPrice =
        new DealProposal(
            ok.pieceCid(),
            ok.pieceSize(),
            false,
            ok.client(),
            ok.provider(),
            ok.label(),
            ok.startBlock(),
            ok.endBlock(),
            ok.storagePricePerBlock() - 1,
            ok.providerCollateral(),
            ok.clientCollateral());
    assertThat(board.requestSignature(p, SP1, wrongPrice, 2))
        .isEqualTo(new Signing.Refused("another price"));
    var wrongPiece = proposal(r, 1, SP1, 10);
    assertThat(board.requestSignature(p, SP1, wrongPiece, 2)).isInstanceOf(Signing.Refused.class);
    var tooLate = proposal(r, 0, SP1, 2 + 31);
    assertThat(board.requestSignature(p, SP1, tooLate, 2)).isInstanceOf(Signing.Refused.class);
    var startsNow = proposal(r, 0, SP1, 2);
    assertThat(board.requestSignature(p, SP1, startsNow, 2)).isInstanceOf(Signing.Refused.class);
    var lessCollateral =
        new DealProposal(
            ok.pieceCid(),
            ok.pieceSize(),
            false,
            ok.client(),
            ok.provider(),
            ok.label(),
            ok.startBlock(),
            ok.endBlock(),
            ok.storagePricePerBlock(),
            ok.providerCollateral() - 1,
            ok.clientCollateral());
    assertThat(board.requestSignature(p, SP1, lessCollateral, 2))
        .isInstanceOf(Signing.Refused.class);
  }

  @Test
  void theClientRefusesAProposalNamingAnotherProviderThanTheOneHoldingThePiece() {
    registerHonestClient();
    StorageRequest r = post(1, 20);
    PieceRef p = new PieceRef(r.id(), 0);
    board.take(p, SP1, 2);
    assertThat(board.requestSignature(p, SP1, proposal(r, 0, SP2, 10), 2))
        .isEqualTo(new Signing.Refused("another provider"));
    assertThat(board.requestSignature(p, SP2, proposal(r, 0, SP2, 10), 2))
        .isInstanceOf(Signing.Refused.class);
  }

  @Test
  void noSignatureForAnUntakenPieceAnExpiredRequestOrAStoppedClient() {
    StorageRequest r = post(1, 20);
    PieceRef p = new PieceRef(r.id(), 0);
    assertThat(board.requestSignature(p, SP1, proposal(r, 0, SP1, 10), 2))
        .isInstanceOf(Signing.Refused.class);
    board.take(p, SP1, 2);
    assertThat(board.requestSignature(p, SP1, proposal(r, 0, SP1, 10), 2))
        .isEqualTo(new Signing.Refused("client board-client is not running"));
    registerHonestClient();
    assertThat(board.requestSignature(p, SP1, proposal(r, 0, SP1, 30), 20))
        .isEqualTo(new Signing.Refused("request expired"));
  }

  @Test
  void aReleasedPieceIsOfferedAgainUnlessItsRequestExpired() {
    StorageRequest r = post(1, 20);
    PieceRef a = new PieceRef(r.id(), 0);
    PieceRef b = new PieceRef(r.id(), 1);
    board.take(a, SP1, 2);
    board.take(b, SP1, 2);
    board.release(a, SP2, 3); // not the holder: nothing happens
    assertThat(board.piece(a).get().state()).isEqualTo(PieceState.TAKEN);
    board.release(a, SP1, 3);
    assertThat(board.isOpen(a, 3)).isTrue();
    board.release(b, SP1, 20);
    assertThat(board.piece(b).get().state()).isEqualTo(PieceState.EXPIRED);
  }

  @Test
  void aPublishedPieceIsDoneWhenItsDealEnds() {
    StorageRequest r = post(1, 20);
    PieceRef p = new PieceRef(r.id(), 0);
    board.take(p, SP1, 2);
    board.published(p, SP1, 42, 3);
    assertThat(board.piecesOf(SP1, PieceState.PUBLISHED)).hasSize(1);
    assertThat(board.piece(p).get().dealId()).isEqualTo(42);
    board.done(p, SP1, "finished", 200);
    assertThat(board.piece(p).get().state()).isEqualTo(PieceState.DONE);
    assertThat(board.piece(p).get().state().isClosed()).isTrue();
  }

  @Test
  void aDroppedPieceIsClosedWithTheMarketsReason() {
    StorageRequest r = post(1, 20);
    PieceRef p = new PieceRef(r.id(), 0);
    board.take(p, SP1, 2);
    board.drop(p, SP1, "Market::InsufficientClientFunds", 3);
    assertThat(board.piece(p).get().state()).isEqualTo(PieceState.DROPPED);
    assertThat(board.piece(p).get().note()).isEqualTo("Market::InsufficientClientFunds");
    assertThat(board.take(p, SP2, 4)).isFalse();
  }

  @Test
  void withdrawingExpiresOpenAndTakenPiecesButLeavesPublishedOnes() {
    StorageRequest r = board.post("board-client", CLIENT, 1024, 3, 100, 50, 7, 3, 1, 20, 30);
    board.take(new PieceRef(r.id(), 1), SP1, 2);
    board.take(new PieceRef(r.id(), 2), SP1, 2);
    board.published(new PieceRef(r.id(), 2), SP1, 9, 3);
    assertThat(board.withdraw(r.id(), "someone-else", 5)).isZero();
    assertThat(board.withdraw(r.id(), "board-client", 5)).isEqualTo(2);
    assertThat(board.pieces(r.id()))
        .extracting(DealBoard.Piece::state)
        .containsExactly(PieceState.EXPIRED, PieceState.EXPIRED, PieceState.PUBLISHED);
    assertThat(board.changesSince(0).last().state()).isEqualTo(PieceState.EXPIRED);
  }

  @Test
  void labelsNameTheirPieceAndOnlyBoardLabelsParse() {
    PieceRef p = new PieceRef(12, 3);
    assertThat(p.label()).isEqualTo("req-12/3");
    assertThat(PieceRef.parseLabel("req-12/3")).contains(p);
    assertThat(PieceRef.parseLabel("piece-1")).isEmpty();
    assertThat(PieceRef.parseLabel("req-x/1")).isEmpty();
    assertThat(PieceRef.parseLabel("req-0/1")).isEmpty();
    assertThat(PieceRef.parseLabel(null)).isEqualTo(Option.none());
  }

  @Test
  void piecesOfOneRequestHaveDistinctCommitmentsAndTheSameClientTerms() {
    StorageRequest r = post(1, 20);
    assertThat(r.pieceCid(0)).isNotEqualTo(r.pieceCid(1));
    assertThat(r.profitability()).isEqualTo(5_000);
    assertThat(r.clientRequirement()).isEqualTo(5_003);
  }
}
