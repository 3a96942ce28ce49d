/**
 * The config repository: clone and cheap polling for one consistent desired-state snapshot, and the
 * status write-back (one commit per pass, never forced). Failures are {@link io.sluice.git.GitTrouble}
 * values, never swallowed. No AWS and no planning here.
 */
package io.sluice.git;
