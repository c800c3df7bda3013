package io.custos.service.governance;

import io.custos.policy.Simulation;
import java.util.List;
import java.util.Map;

/**
 * What a proposed policy would decide differently: the recent requests replayed under the active
 * policy and the candidate.
 *
 * @param currentHash the active policy's hash
 * @param candidateHash the candidate's hash
 * @param replayed how many requests were replayed (the newest, at most {@code
 *     RecentRequests#REPLAYED})
 * @param summary how many made each outcome transition, e.g. {@code DENY -> ALLOW: 2}
 * @param changes the requests whose outcome or deciding rule would change
 */
public record SimulationView(
    String currentHash,
    String candidateHash,
    int replayed,
    Map<String, Integer> summary,
    List<Change> changes) {

  /**
   * One request decided differently.
   *
   * @param requestId the request
   * @param transition e.g. {@code DENY -> ALLOW}
   * @param currentRule the rule deciding it now ("" when none matched)
   * @param candidateRule the rule that would decide it
   */
  public record Change(
      String requestId, String transition, String currentRule, String candidateRule) {}

  static SimulationView of(Simulation.Report report) {
    return new SimulationView(
        report.currentHash(),
        report.candidateHash(),
        report.comparisons().size(),
        report.summary(),
        report.changes().stream()
            .map(c -> new Change(c.id(), c.transition(), c.current().rule(), c.candidate().rule()))
            .toList());
  }
}
