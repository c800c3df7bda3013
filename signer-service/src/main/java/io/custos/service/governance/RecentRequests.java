package io.custos.service.governance;

import io.custos.policy.Policy;
import io.custos.policy.Simulation;

/**
 * What governance needs from the request side: the newest requests replayed under the active policy
 * and a candidate. Implemented by {@code request.PolicySimulation}; declared here so that
 * governance does not depend on request (request depends on approvals and approvers for device
 * signatures and keys, and must stay free to depend on governance).
 */
public interface RecentRequests {

  /** How many of the newest requests a simulation replays. */
  int REPLAYED = 200;

  /** What the candidate would have decided differently; inside the caller's transaction. */
  Simulation.Report simulate(Policy current, Policy candidate);
}
