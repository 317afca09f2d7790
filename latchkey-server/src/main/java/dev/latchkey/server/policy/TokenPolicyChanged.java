package dev.latchkey.server.policy;

/**
 * Published after an admin's new token policy is committed.
 *
 * @param policy the policy now in force
 */
public record TokenPolicyChanged(TokenPolicy policy) {
}
