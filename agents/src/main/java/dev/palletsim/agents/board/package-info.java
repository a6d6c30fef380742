/**
 * The off-chain deal board where clients post storage requests and storage providers take their
 * pieces and ask for signatures ({@link dev.palletsim.agents.board.DealBoard}): shared by every
 * agent of a run, it imports neither the agents nor their sales.
 */
package dev.palletsim.agents.board;
