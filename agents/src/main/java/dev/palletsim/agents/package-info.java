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
 * providers meet on the run's {@link dev.palletsim.agents.board.DealBoard} (shared through {@code
 * AgentContext.shared}), which outlives agent restarts as the network outlives a node.
 *
 * <p>The packages, importing one way ({@code agents → sales → board}, checked by a test): this one
 * holds the agents, their types and the provider-level duties ({@link
 * dev.palletsim.agents.ProvingDuties}: Window PoSt, faults, recoveries), {@link
 * dev.palletsim.agents.DelegationPolicy} (how power is delegated to collators) and {@link
 * dev.palletsim.agents.Distribution} (how a client draws its terms); {@code sales} is seed 003's
 * sales module, one type per state ({@link dev.palletsim.agents.sales.SaleState}) with the {@link
 * dev.palletsim.agents.sales.Sales} that drives them, the {@link
 * dev.palletsim.agents.sales.OpportunityQueue} (seed 003's slot queue) and the {@link
 * dev.palletsim.agents.sales.Reservations} (availabilities and reservations); {@code board} is the
 * {@link dev.palletsim.agents.board.DealBoard} (requests, pieces and their states, signatures).
 *
 * <p>Metrics, by agent type (counters unless marked as series):
 *
 * <ul>
 *   <li>storage provider: {@code sales.<phase>}, {@code sales.failed.<reason>}, {@code
 *       deals.published}, {@code settlement.paid_planck}, {@code settlement.calls}, {@code
 *       post.submitted|skipped|failed|invalid}, {@code porep.invalid}, {@code faults.declared},
 *       {@code recoveries.declared}, {@code delegation.changes|failed}, {@code sp.*} and the series
 *       {@code sp.<agent>.active_deals} and {@code sp.<agent>.reserved_bytes} (see {@link
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
