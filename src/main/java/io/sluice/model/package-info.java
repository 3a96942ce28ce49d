/**
 * The desired state (rollout files) and status records, YAML loading and validation. No I/O but reading files; no AWS, JGit, Quarkus or clock.
 */
package io.sluice.model;
