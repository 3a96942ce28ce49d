/**
 * SmallRye Health checks (liveness, readiness); each check's data says why it is down. Checks read
 * what others record (the last pass, the last sync) and never call AWS or Git themselves.
 */
package io.sluice.health;
