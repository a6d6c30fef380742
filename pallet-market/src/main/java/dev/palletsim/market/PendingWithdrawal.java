package dev.palletsim.market;

/**
 * A withdrawal waiting out seed 000's delay ("WithdrawBalance should take at least X Epoch"): the
 * amount asked for and the first block at which it may be completed. Until then the funds stay in
 * escrow and available, so deals the account has already signed may still lock them.
 *
 * @param amount planck asked for; at completion at most the then available balance is paid
 * @param requestedAt the block of the request
 * @param readyAt the first block at which {@code completeWithdrawal} pays out
 */
public record PendingWithdrawal(long amount, long requestedAt, long readyAt) {}
