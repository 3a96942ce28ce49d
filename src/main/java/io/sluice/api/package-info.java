/**
 * HTTP endpoints: JSON views, the dashboard and the Git webhook. Thin: they verify and translate,
 * then hand over to beans of other packages; no Git, AWS or planning work happens in a request.
 */
package io.sluice.api;
