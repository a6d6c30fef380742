/**
 * The simulation agents of the storage network (issue 7, "Agents"): the {@code storage-provider}
 * ({@link dev.palletsim.agents.StorageProviderAgent}, after seed 003's sales module), the {@code
 * client} ({@link dev.palletsim.agents.ClientAgent}) and the {@code collator} ({@link
 * dev.palletsim.agents.CollatorAgent}), registered in {@code dev.palletsim.sim.Agents} by {@link
 * dev.palletsim.agents.AgentsExtension} so scenario files declare them by type with documented
 * parameters.
 *
 * <p>Agents act only through the extrinsics a user would submit, read the chain only through their
 * context's view and the pallets' read helpers, draw only from their own seeded random stream and
 * iterate only ordered collections, so a seed fixes a run to the byte. Off-chain, clients and
 * providers meet on the run's {@link dev.palletsim.agents.DealBoard} (shared through {@code
 * AgentContext.shared}), which outlives agent restarts as the network outlives a node.
 *
 * <p>The pieces: {@link dev.palletsim.agents.DealBoard} (requests, pieces and their states,
 * signatures), {@link dev.palletsim.agents.OpportunityQueue} (seed 003's slot queue), {@link
 * dev.palletsim.agents.Reservations} (availabilities and reservations), {@link
 * dev.palletsim.agents.Sale} and {@link dev.palletsim.agents.SaleState} (the per-deal state
 * machine), {@link dev.palletsim.agents.DelegationPolicy} (how power is delegated to collators) and
 * {@link dev.palletsim.agents.Distribution} (how a client draws its terms).
 *
 * <p>Metrics, by agent type (counters unless marked as series):
 *
 * <ul>
 *   <li>storage provider: {@code sales.<state>}, {@code sales.failed.<reason>}, {@code
 *       deals.published}, {@code settlement.paid_planck}, {@code settlement.calls}, {@code
 *       post.submitted|skipped|failed}, {@code faults.declared}, {@code recoveries.declared},
 *       {@code delegation.changes|failed}, {@code sp.*} and the series {@code
 *       sp.<agent>.active_deals} and {@code sp.<agent>.reserved_bytes} (see {@link
 *       dev.palletsim.agents.StorageProviderAgent});
 *   <li>client: {@code requests.posted|expired|skipped_full}, {@code pieces.posted|expired}, {@code
 *       signatures.given|refused}, {@code client.escrow_added_planck}, {@code
 *       client.escrow_withdrawn_planck}, {@code client.funding_failed} and the series {@code
 *       client.<agent>.escrow} and {@code client.<agent>.locked};
 *   <li>collator: {@code collator.registered|rejoined|kicked}, {@code collator.<agent>.kicked},
 *       {@code collator.<agent>.offline_blocks} (blocks authored are the {@code authorship}
 *       probe's).
 * </ul>
 */
package dev.palletsim.agents;
