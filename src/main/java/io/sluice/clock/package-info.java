/** The daemon's wall clock, as one bean. Imports nothing of sluice. */
package io.sluice.clock;
