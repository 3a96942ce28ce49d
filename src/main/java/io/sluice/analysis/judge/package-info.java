/**
 * The canary judge: pure statistics that compare a canary with its stable version (Mann-Whitney U for
 * continuous metrics, a conditional binomial rate-ratio test for counts, Brown-Forsythe for a rise in
 * spread) and turn them into a pass, fail or inconclusive {@link io.sluice.analysis.judge.Verdict}.
 * No I/O, no clock, no other part of sluice; everything is a function of the numbers passed in.
 */
package io.sluice.analysis.judge;
