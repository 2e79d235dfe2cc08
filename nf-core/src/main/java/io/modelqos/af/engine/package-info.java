/**
 * The delivery engine: the life of a model delivery from request to release, split into small units that share no
 * wire format — {@link io.modelqos.af.engine.Creation} (creation and idempotency), {@link io.modelqos.af.engine.Negotiation}
 * (plan, ask, re-plan, the allocation wait), {@link io.modelqos.af.engine.NetworkEvents} (what the network reports),
 * {@link io.modelqos.af.engine.Ending} (complete, cancel, expire, release), {@link io.modelqos.af.engine.Recovery} and
 * {@link io.modelqos.af.engine.Reconciler} (after a restart), {@link io.modelqos.af.engine.Ownership} (several replicas),
 * behind the one entrance {@link io.modelqos.af.engine.DeliveryEngine}. The network is reached through the
 * {@link io.modelqos.af.southbound.QosSessions} port only.
 */
package io.modelqos.af.engine;
