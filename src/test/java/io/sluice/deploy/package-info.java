/**
 * Checks of the deployment material under {@code deploy/}: the IAM policy against the AWS calls the
 * code makes, the Kubernetes, ECS and compose manifests against the code's configuration keys and
 * health paths, and the ECS task definition against the ECS service model. Test code only.
 */
package io.sluice.deploy;
