package dev.palletsim.frame.traits;

import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;

/**
 * Told the author of every block (pallet-authorship's {@code EventHandler::note_author}): collator
 * selection pays the author from the pot and records its last authored block.
 */
public interface AuthorshipHandler {
  /** {@code author} authored the current block. */
  void noteAuthor(Tx tx, AccountId author);
}
