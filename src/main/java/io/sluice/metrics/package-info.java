/**
 * Micrometer meters (exported at {@code /q/metrics} as {@code sluice_*}), all named in {@link SluiceMeters}.
 * Labels carry only rollout and check names and fixed constants: never commit ids or free text.
 */
package io.sluice.metrics;
