/**
 * The reconcile loop: for every rollout observe, measure what is due, plan, act, record. Rollbacks are
 * executed first in a pass and never wait on Git, status pushes or other rollouts.
 */
package io.sluice.reconcile;
