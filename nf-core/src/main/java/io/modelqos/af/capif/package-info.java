/**
 * The AF as a CAPIF API invoker (TS 29.222, TS 33.122): onboarding with the CAPIF core function and keeping the
 * credentials it issues ({@link io.modelqos.af.capif.CredentialFiles}), discovering the exposing function that serves
 * AsSessionWithQoS ({@link io.modelqos.af.capif.AefChoice}), and getting the NEF's access tokens
 * ({@link io.modelqos.af.capif.CapifAccessTokens}); {@link io.modelqos.af.capif.CapifConnection} puts them together.
 * Only {@link io.modelqos.af.capif.CapifApi} speaks HTTP.
 */
package io.modelqos.af.capif;
