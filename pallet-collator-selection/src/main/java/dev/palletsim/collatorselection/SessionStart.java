package dev.palletsim.collatorselection;

/**
 * The session that started last and the block it started at, recorded from {@code
 * SessionManager.startSession}. The author of a rotation block was chosen from the previous
 * session's set (the executive picks authors before the block runs), so rewards at that block use
 * the previous session's exposures.
 *
 * @param index the session index
 * @param startedAt the block of the rotation into it (0 for genesis)
 */
public record SessionStart(long index, long startedAt) {}
