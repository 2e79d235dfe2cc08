/**
 * The N5 southbound adapter: ModelQoS as a trusted AF asking the PCF directly over TS 29.514 Npcf_PolicyAuthorization,
 * the PCF found through the BSF (TS 29.521 Nbsf_Management) and the BSF through the NRF (TS 29.510), with access tokens
 * from the NRF. It implements the engine's {@link io.modelqos.af.southbound.QosSessions} port as the NEF adapter does;
 * the N5 wire format stays in this package.
 */
package io.modelqos.af.pcf;
