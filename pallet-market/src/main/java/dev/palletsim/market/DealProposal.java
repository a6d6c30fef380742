package dev.palletsim.market;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.PackedLayout;
import dev.palletsim.frame.PackedReader;
import dev.palletsim.frame.PackedWriter;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.H256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The terms a provider and a client agree on (seed 002, {@code DealProposal}): a piece of the
 * client's data, the blocks during which the provider stores it, the price per block and both
 * parties' collateral. Amounts are planck, sizes bytes, times block numbers. Stored as published,
 * once per deal, without the signature.
 *
 * <h2>Canonical encoding</h2>
 *
 * What the client (and, on the client's publishing path, the provider) signs is {@link #encode()}:
 * big-endian, fixed field order, variable-length parts prefixed with their length.
 *
 * <pre>
 *   u32 len = 32, "palletsim/market/DealProposal/v1"   domain tag (ASCII)
 *   u32 codec, u32 multihash, 32 B digest               pieceCid
 *   i64                                                 pieceSize
 *   u8 (0 | 1)                                          verifiedDeal
 *   32 B                                                client
 *   32 B                                                provider
 *   u32 len, UTF-8 bytes                                label
 *   i64 ×5                                              startBlock, endBlock, storagePricePerBlock,
 *                                                       providerCollateral, clientCollateral
 * </pre>
 *
 * The encoding is injective over well-formed proposals (a label must be valid Unicode, which
 * publishing checks first), so the SHA-256 of the encoding ({@link #hash()}) identifies a proposal:
 * it plays the part of Filecoin's proposal CID in {@code PendingProposals}.
 *
 * @param pieceCid the piece commitment (CommP); must be defined with the unsealed-commitment prefix
 * @param pieceSize the padded piece size in bytes: a power of two, at least 128
 * @param verifiedDeal whether the client claims a verified deal (the client must be verified)
 * @param client the client, who pays and signs
 * @param provider the storage provider, who stores and publishes
 * @param label free text, at most {@code MarketConfig.maxLabelBytes()} bytes of UTF-8
 * @param startBlock the first block the provider must store the piece
 * @param endBlock the block from which the provider no longer must; greater than {@code startBlock}
 * @param storagePricePerBlock planck the client pays per block in {@code [start, end)}
 * @param providerCollateral planck the provider locks, slashed if the provider fails the deal
 * @param clientCollateral planck the client locks, returned when the deal ends
 */
public record DealProposal(
    Cid pieceCid,
    long pieceSize,
    boolean verifiedDeal,
    AccountId client,
    AccountId provider,
    String label,
    long startBlock,
    long endBlock,
    long storagePricePerBlock,
    long providerCollateral,
    long clientCollateral) {

  /** The domain tag opening every encoding. */
  public static final String ENCODING_DOMAIN = "palletsim/market/DealProposal/v1";

  /**
   * How {@code Market.Proposals} packs a proposal (issue 16: about 75 bytes instead of the 190 its
   * objects took): the two parties as references (accounts are shared), the piece CID's prefix in
   * one byte and its digest, the piece size as a power of two, the label's characters, the end as
   * the duration, and the amounts as varints. Exact for any proposal, {@code null}s included.
   */
  public static final class Layout implements PackedLayout<DealProposal> {
    /** The layout (stateless). */
    public Layout() {}

    @Override
    public int references() {
      return 2;
    }

    @Override
    public void write(long key, DealProposal p, PackedWriter out) {
      out.writeRef(p.client);
      out.writeRef(p.provider);
      out.writeCid(p.pieceCid);
      out.writeScaledLong(p.pieceSize);
      out.writeBoolean(p.verifiedDeal);
      out.writeString(p.label);
      out.writeSignedVarLong(p.startBlock);
      out.writeDelta(p.endBlock, p.startBlock);
      out.writeSignedVarLong(p.storagePricePerBlock);
      out.writeSignedVarLong(p.providerCollateral);
      out.writeSignedVarLong(p.clientCollateral);
    }

    @Override
    public DealProposal read(long key, PackedReader in) {
      AccountId client = in.readRef(AccountId.class);
      AccountId provider = in.readRef(AccountId.class);
      Cid pieceCid = in.readCid();
      long pieceSize = in.readScaledLong();
      boolean verified = in.readBoolean();
      String label = in.readString();
      long start = in.readSignedVarLong();
      return new DealProposal(
          pieceCid,
          pieceSize,
          verified,
          client,
          provider,
          label,
          start,
          in.readDelta(start),
          in.readSignedVarLong(),
          in.readSignedVarLong(),
          in.readSignedVarLong());
    }
  }

  /** The number of blocks the deal runs: {@code end − start}. */
  public long duration() {
    return Checked.sub(endBlock, startBlock);
  }

  /** What the client pays over the whole deal: {@code price × duration} (checked). */
  public long totalStorageFee() {
    return Checked.mul(storagePricePerBlock, duration());
  }

  /** What the client locks at publication: collateral plus the total storage fee (checked). */
  public long clientBalanceRequirement() {
    return Checked.add(clientCollateral, totalStorageFee());
  }

  /** This proposal with the given parties (the same accounts, possibly other instances). */
  DealProposal withParties(AccountId newClient, AccountId newProvider) {
    return new DealProposal(
        pieceCid,
        pieceSize,
        verifiedDeal,
        newClient,
        newProvider,
        label,
        startBlock,
        endBlock,
        storagePricePerBlock,
        providerCollateral,
        clientCollateral);
  }

  /**
   * The canonical bytes a client signs (see the class comment). Every field must be present;
   * publishing checks that before encoding.
   */
  public byte[] encode() {
    byte[] domain = ENCODING_DOMAIN.getBytes(StandardCharsets.US_ASCII);
    byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(4 + domain.length + 40 + 8 + 1 + 64 + 4 + labelBytes.length + 40);
    b.putInt(domain.length).put(domain);
    b.putInt(pieceCid.codec()).putInt(pieceCid.multihash()).put(pieceCid.digest());
    b.putLong(pieceSize);
    b.put((byte) (verifiedDeal ? 1 : 0));
    b.put(client.toBytes()).put(provider.toBytes());
    b.putInt(labelBytes.length).put(labelBytes);
    b.putLong(startBlock)
        .putLong(endBlock)
        .putLong(storagePricePerBlock)
        .putLong(providerCollateral)
        .putLong(clientCollateral);
    return b.array();
  }

  /** The SHA-256 of {@link #encode()}: the proposal's identity in {@code PendingProposals}. */
  public H256 hash() {
    return hashOf(encode());
  }

  /**
   * The plain SHA-256 of an encoding (frame's {@code Sha256} length-prefixes its inputs, so it is
   * not used here: the hash is over exactly the signed bytes).
   */
  static H256 hashOf(byte[] encoding) {
    try {
      return H256.of(MessageDigest.getInstance("SHA-256").digest(encoding));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
