/**
 * Reading composed YAML nodes into rollout records, with a located problem (file, line, column, field) for everything wrong.
 */
package io.sluice.model.yaml;
