package dev.palletsim.runtime;

import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.SimulatedProofs;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.primitives.PeerId;
import dev.palletsim.frame.traits.ProofVerifier.AggregateSealInputs;
import dev.palletsim.frame.traits.ProofVerifier.PoRepInputs;
import dev.palletsim.frame.traits.ProofVerifier.ReplicaUpdateInputs;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.storageprovider.BlockHeader;
import dev.palletsim.storageprovider.DeadlineInfo;
import dev.palletsim.storageprovider.PieceActivationManifest;
import dev.palletsim.storageprovider.PoStPartition;
import dev.palletsim.storageprovider.ProofBytes;
import dev.palletsim.storageprovider.ProveCommitSector;
import dev.palletsim.storageprovider.RegisteredAggregateProof;
import dev.palletsim.storageprovider.RegisteredPoStProof;
import dev.palletsim.storageprovider.RegisteredSealProof;
import dev.palletsim.storageprovider.SectorActivationManifest;
import dev.palletsim.storageprovider.SectorPreCommitInfo;
import dev.palletsim.storageprovider.SectorUpdateManifest;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * What an honest storage provider computes before each extrinsic, from nothing but chain state and
 * its own keys: the seal of a sector (CommD from the market, CommR from the seal ticket), a valid
 * PoRep once the interactive seed exists, a valid WindowPoSt for the open deadline, and the data
 * onboarding calls (a sector's pieces proven with {@code ProveCommitSectors3}, a committed-capacity
 * sector filled by {@code ProveReplicaUpdates3}). Agents and integration tests build their calls
 * here, so the honest path is written once; a dishonest agent flips a byte of the proof.
 */
public final class ProviderOps {
  private final StorageProviderPallet sp;
  private final MarketPallet market;

  /** Operations against the storage provider pallet and market of {@code runtime}. */
  public ProviderOps(Runtime runtime) {
    this.sp = runtime.pallet(StorageProviderPallet.class);
    this.market = runtime.pallet(MarketPallet.class);
  }

  /** The storage provider pallet. */
  public StorageProviderPallet storageProvider() {
    return sp;
  }

  /** The market pallet. */
  public MarketPallet market() {
    return market;
  }

  /** The proof type every provider of this runtime registers with (the first allowed). */
  public RegisteredPoStProof postProofType() {
    return sp.config().allowedPoStProofs().head();
  }

  /** The sector size of {@link #postProofType()}. */
  public long sectorSize() {
    return postProofType().sectorSize();
  }

  /** {@code register_storage_provider} for {@code who}. */
  public StorageProviderCall register(AccountId who) {
    return new StorageProviderCall.RegisterStorageProvider(
        new PeerId("12D3KooW" + who.toHex().substring(2, 18)), postProofType());
  }

  /**
   * A pre-commit of sector {@code number} holding {@code deals}, sealed with the ticket of the
   * block before {@code now}, expiring at {@code expiration}.
   */
  public SectorPreCommitInfo preCommit(
      World view, AccountId who, long number, Seq<Long> deals, long expiration, long now) {
    Cid commD =
        deals.isEmpty()
            ? Commitments.unsealedSector(List.empty(), sectorSize())
            : market.computeDataCommitment(view, deals, sectorSize());
    return sealed(view, who, number, commD, deals, expiration, now);
  }

  /** The pre-commit of sector {@code number} with data {@code commD}, sealed before {@code now}. */
  private SectorPreCommitInfo sealed(
      World view,
      AccountId who,
      long number,
      Cid commD,
      Seq<Long> deals,
      long expiration,
      long now) {
    long height = now - 1;
    Cid commR =
        Commitments.sealedSector(
            commD, sp.sealRandomness(view, who, height).toBytes(), who.toBytes(), number);
    return new SectorPreCommitInfo(
        RegisteredSealProof.forPoSt(postProofType()),
        number,
        commR,
        height,
        deals,
        expiration,
        commD);
  }

  /** The smallest expiration a sector pre-committed at {@code now} may have. */
  public long minimumExpiration(long now) {
    return now + sp.config().maxProveCommitDuration() + sp.config().minSectorExpiration() + 1;
  }

  /** The first block at which pre-committed sector {@code number} may be proven, if it exists. */
  public Option<Long> firstProvableBlock(World view, AccountId who, long number) {
    return sp.preCommit(view, who, number)
        .map(pc -> sp.interactiveSeedBlock(pc.preCommitBlock()) + 1);
  }

  /** A valid PoRep of pre-committed sector {@code number}, once its seed exists at {@code now}. */
  public Option<ProveCommitSector> proveCommit(World view, AccountId who, long number, long now) {
    return sp.poRepInputs(view, who, number, now)
        .map(in -> new ProveCommitSector(number, ProofBytes.of(SimulatedProofs.porep(in))));
  }

  /**
   * Valid WindowPoSts covering every partition left to prove in the deadline open at {@code now},
   * as many calls as the pallet's limit on partitions per submission requires (Filecoin's {@code
   * POSTED_PARTITIONS_MAX}); empty if no deadline is open or nothing is left to prove.
   */
  public Seq<StorageProviderCall.SubmitWindowedPost> windowPosts(
      World view, AccountId who, long now) {
    Option<DeadlineInfo> dl = sp.currentDeadline(view, who, now);
    if (dl.isEmpty() || !dl.get().isOpen()) return List.empty();
    int index = dl.get().index();
    Seq<Integer> partitions = sp.partitionsToProve(view, who, index);
    List<StorageProviderCall.SubmitWindowedPost> out = List.empty();
    for (Seq<Integer> chunk : partitions.grouped(sp.config().postedPartitionsMax())) {
      var inputs = sp.windowPoStInputs(view, who, index, chunk, now);
      if (inputs.isEmpty()) return List.empty();
      out =
          out.append(
              new StorageProviderCall.SubmitWindowedPost(
                  index,
                  chunk.map(PoStPartition::of),
                  ProofBytes.of(SimulatedProofs.post(inputs.get())),
                  now - 1));
    }
    return out;
  }

  /** The first of {@link #windowPosts}, if any: enough while a deadline has few partitions. */
  public Option<StorageProviderCall.SubmitWindowedPost> windowPost(
      World view, AccountId who, long now) {
    return windowPosts(view, who, now).headOption();
  }

  /**
   * A pre-commit of sector {@code number} for direct data onboarding ({@code ProveCommitSectors3}):
   * no deal ids, its CommD that of {@code pieces} in order, sealed with the ticket of the block
   * before {@code now}, expiring at {@code expiration}.
   */
  public SectorPreCommitInfo preCommitPieces(
      World view,
      AccountId who,
      long number,
      Seq<PieceActivationManifest> pieces,
      long expiration,
      long now) {
    return sealed(view, who, number, commD(pieces), List.empty(), expiration, now);
  }

  /**
   * {@code ProveCommitSectors3} of pre-committed sectors with the pieces they hold, once their
   * seeds exist at {@code now}: one valid PoRep per sector, or with {@code aggregate} one valid
   * aggregate proof of them all; every activation and notification required to succeed. Empty if a
   * sector is not pre-committed or its seed does not exist yet.
   */
  public Option<StorageProviderCall.ProveCommitSectors3> proveCommitSectors3(
      World view,
      AccountId who,
      Seq<SectorActivationManifest> sectors,
      long now,
      boolean aggregate) {
    List<PoRepInputs> inputs = List.empty();
    for (SectorActivationManifest s : sectors) {
      Option<PoRepInputs> in = sp.poRepInputs(view, who, s.sectorNumber(), now);
      if (in.isEmpty()) return Option.none();
      inputs = inputs.append(in.get());
    }
    if (aggregate) {
      byte[] proof = SimulatedProofs.aggregate(new AggregateSealInputs(who, inputs.toVector()));
      return Option.some(
          new StorageProviderCall.ProveCommitSectors3(
              sectors,
              List.empty(),
              Option.some(ProofBytes.of(proof)),
              Option.some(RegisteredAggregateProof.SnarkPackV2),
              true,
              true));
    }
    return Option.some(
        new StorageProviderCall.ProveCommitSectors3(
            sectors,
            inputs.map(in -> ProofBytes.of(SimulatedProofs.porep(in))),
            Option.none(),
            Option.none(),
            true,
            true));
  }

  /**
   * {@code ProveReplicaUpdates3} filling active committed-capacity sector {@code number} with
   * {@code pieces} (SnapDeals): a new CommR over their CommD and a valid replica update proof of
   * the sector's update proof type; its activation and notification required to succeed. Empty if
   * the sector does not exist.
   */
  public Option<StorageProviderCall.ProveReplicaUpdates3> replicaUpdate(
      World view, AccountId who, long number, Seq<PieceActivationManifest> pieces) {
    return sp.findSector(view, who, number)
        .map(
            sector -> {
              Cid commD = commD(pieces);
              Cid newSealed =
                  Commitments.sealedSector(
                      commD, sector.sealedCid().digest(), who.toBytes(), number);
              byte[] proof =
                  SimulatedProofs.replicaUpdate(
                      new ReplicaUpdateInputs(who, number, sector.sealedCid(), newSealed, commD));
              return new StorageProviderCall.ProveReplicaUpdates3(
                  List.of(
                      new SectorUpdateManifest(
                          number, sector.deadline(), sector.partition(), newSealed, pieces)),
                  List.of(ProofBytes.of(proof)),
                  Option.none(),
                  sector.sealProof().updateProof(),
                  Option.none(),
                  true,
                  true);
            });
  }

  /** The CommD of a sector holding {@code pieces}, in order, padded with zeros. */
  private Cid commD(Seq<PieceActivationManifest> pieces) {
    return Commitments.unsealedSector(
        pieces.map(p -> new Commitments.Piece(p.cid(), p.size())), sectorSize());
  }

  /**
   * Evidence of a double fork by provider {@code who} at {@code epoch}: two different block headers
   * at that height on different parents, both signed by {@code workerKey} (the keyring name of the
   * provider's worker), as an equivocating miner produces them; anyone may report it.
   */
  public static StorageProviderCall.ReportConsensusFault doubleFork(
      AccountId who, String workerKey, long epoch) {
    java.security.PrivateKey key = dev.palletsim.frame.crypto.Keyring.privateKey(workerKey);
    BlockHeader[] headers = new BlockHeader[2];
    for (int i = 0; i < 2; i++) {
      byte[] parent =
          dev.palletsim.frame.crypto.Sha256.domain("palletsim/equivocation")
              .bytes(who.toBytes())
              .number(epoch)
              .number(i)
              .finish();
      headers[i] =
          BlockHeader.signed(
              who,
              epoch,
              List.of(H256.of(parent)),
              H256.of(
                  dev.palletsim.frame.crypto.Sha256.domain("palletsim/block")
                      .bytes(parent)
                      .finish()),
              key);
    }
    return new StorageProviderCall.ReportConsensusFault(who, headers[0], headers[1], Option.none());
  }

  /** A deal proposal signed by the keyring account {@code clientName}. */
  public static ClientDealProposal signed(DealProposal proposal, String clientName) {
    return ClientDealProposal.signedBy(proposal, clientName);
  }
}
