/**
 * Tests of the packaged daemon as an operator runs it: {@code java -jar target/quarkus-app/quarkus-run.jar}
 * started as a child process next to real servers (Prometheus, {@code git daemon}, the AWS simulator in
 * its own process), observed only through its HTTP endpoints. They run as integration tests
 * ({@code *IT}, Maven Failsafe) after {@code package} has built the jar. Test code only.
 */
package io.sluice.ops;
