package dev.palletsim.frame.session;

import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.AuthorshipHandler;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.Supplier;

/**
 * pallet-aura with pallet-authorship: the author of slot {@code s} is {@code authorities[s mod n]},
 * round-robin, so every selected collator gets the same share of slots whatever its power. The
 * executive picks the slot (skipping slots whose author is offline: an offline authority leaves its
 * slot empty) and the author from the authorities at the start of the block; this pallet's {@code
 * onInitialize} records the slot and notes the author to the {@link AuthorshipHandler} (collator
 * selection's reward and last-authored-block bookkeeping).
 */
@PalletName("Aura")
public final class AuraPallet implements Pallet {
  /** The name AuraPallet declares with {@link PalletName}: its storage prefix, for work records. */
  public static final String NAME = Pallet.nameOf(AuraPallet.class);

  private final Supplier<Option<AuthorshipHandler>> handler;

  /** Aura, noting authors to {@code couplings}' authorship handler if there is one. */
  public AuraPallet(Couplings couplings) {
    this.handler = () -> couplings.find(AuthorshipHandler.class);
  }

  /** The author of {@code slot} under the authorities stored in {@code view}, if any. */
  public static Option<AccountId> authorOf(StateView view, long slot) {
    Vector<AccountId> authorities = SessionStorage.AUTHORITIES.get(view);
    if (authorities.isEmpty()) return Option.none();
    return Option.some(authorities.get((int) Long.remainderUnsigned(slot, authorities.size())));
  }

  @Override
  public void onInitialize(Tx tx) {
    SessionStorage.CURRENT_SLOT.put(tx, tx.block().slot());
    SessionStorage.AUTHOR.put(tx, tx.block().author().getOrNull());
    tx.block().author().forEach(a -> handler.get().forEach(h -> h.noteAuthor(tx, a)));
  }
}
