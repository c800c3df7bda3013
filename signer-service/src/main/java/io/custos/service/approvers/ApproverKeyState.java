package io.custos.service.approvers;

/**
 * Where an approver's device key stands; the name is what {@code approver_key.state} and the API
 * show.
 */
public enum ApproverKeyState {
  /** Registered, waiting for the admins' quorum: it signs nothing yet. */
  PENDING,
  /** The approver's one key whose signatures count. */
  ACTIVE,
  /** Revoked or rotated out: its signatures no longer count. */
  REVOKED
}
