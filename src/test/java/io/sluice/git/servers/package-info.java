/**
 * Real Git servers started by the tests on loopback ports (git daemon, git http-backend behind
 * basic auth, sshd with its own host key) and the git CLI acting as a user. Test code only.
 */
package io.sluice.git.servers;
