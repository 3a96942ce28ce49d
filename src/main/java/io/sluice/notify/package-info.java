/**
 * Notifications: rollout events people act on (rollback, completion, waiting for approval, drift)
 * posted to a chat or incident webhook. Sent off the reconcile thread; never delays a rollback.
 */
package io.sluice.notify;
