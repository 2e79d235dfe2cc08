/**
 * The engine's southbound port, in domain terms: open, modify and close a QoS session for a delivery's plan, list the
 * sessions the network holds, and the network's events. One adapter per network interface implements it (TS 29.122
 * AsSessionWithQoS towards the NEF first); nothing here knows a wire format.
 */
package io.modelqos.af.southbound;
