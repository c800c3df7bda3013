package io.custos.service.audit;

import io.custos.audit.EntryType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of entry the service writes to the audit log, with the payload fields each carries:
 * the one catalogue. {@code docs/audit.md} lists the same names, and {@code AuditEntryTypeTest}
 * checks that the two agree and that what the service writes matches the fields named here.
 *
 * <p>Conventions for all payloads: amounts, nonces, gas and chain ids as decimal strings; hashes
 * and addresses as 0x-prefixed hex; people as {@code {subject, username, groups, serviceAccount}};
 * fields in brackets are present only when they apply.
 */
public enum AuditEntryType {

  /** A wallet's key was generated in the HSM, or an existing key of the token adopted. */
  KEY_CREATED(
      "key.created", "wallet", "address", "keyId", "keyLabel", "adopted", "chainId", "tags", "by"),

  /**
   * A wallet was not created because of a key already on the token under its key label: not asked
   * to adopt it, several keys under the label, or a key the token did not generate (a planted key).
   */
  KEY_REFUSED("key.refused", "wallet", "keyLabel", "reason", "[keyIds]", "by"),

  /** A wallet took the tags a governance request approved (tags choose the rules that apply). */
  WALLET_TAGS_CHANGED(
      "wallet.tags_changed", "wallet", "previousTags", "tags", "governanceRequestId"),

  /** A request as submitted: who asked for what, in the client's own terms. */
  REQUEST_SUBMITTED(
      "request.submitted",
      "requestId",
      "requester",
      "idempotencyKey",
      "bodySha256",
      "wallet",
      "walletTags",
      "kind",
      "to",
      "valueWei",
      "[token]",
      "[tokenUnits]",
      "data",
      "[memo]",
      "[maxFeePerGas]",
      "[maxPriorityFeePerGas]",
      "[replaces]",
      "[initiatedBy]"),

  /** The policy's decision on a request (other than a rejection), rule by rule. */
  POLICY_DECIDED(
      "policy.decided",
      "requestId",
      "[from]",
      "state",
      "rule",
      "policyHash",
      "[notBefore]",
      "explanation"),

  /** The policy, or an approver's verdict, rejected a request: the same fields as a decision. */
  REQUEST_REJECTED(
      "request.rejected",
      "requestId",
      "[from]",
      "state",
      "rule",
      "policyHash",
      "[notBefore]",
      "explanation"),

  /** An approver's verdict that counted, with the device signature that proves it. */
  APPROVAL_RECORDED(
      "approval.recorded",
      "requestId",
      "approver",
      "verdict",
      "[comment]",
      "signer",
      "digest",
      "signature",
      "typedData"),

  /** A verdict refused because its device signature did not prove it; nothing else changed. */
  APPROVAL_REFUSED(
      "approval.refused",
      "requestId",
      "approver",
      "verdict",
      "problem",
      "detail",
      "[signature]",
      "[typedDataJson]"),

  /**
   * A request, speed-up or cancel refused before it was stored because its fee is above the
   * service's ceiling ({@code custos.fees.*}).
   */
  FEES_REFUSED(
      "fees.refused",
      "action",
      "[requestId]",
      "wallet",
      "by",
      "maxFeePerGas",
      "[maxPriorityFeePerGas]",
      "maxFeePerGasCeiling",
      "detail"),

  /**
   * A request that waited for approvals past its deadline, or an approved one that could not be
   * sent within {@code custos.requests.approved-max-age} (with the reason).
   */
  REQUEST_EXPIRED("request.expired", "requestId", "[reason]"),

  /** A speed-up or cancel never signed because a transaction of its nonce was mined first. */
  REQUEST_REPLACED("request.replaced", "requestId"),

  /** The requester withdrew their own request before it was signed (with their reason). */
  REQUEST_WITHDRAWN("request.withdrawn", "requestId", "from", "by", "[reason]"),

  /**
   * A guardian froze signing for one wallet, or for every wallet when {@code wallet} is absent:
   * nothing is signed under it until an admin quorum lifts it.
   */
  FREEZE_ON("freeze.on", "freezeId", "[wallet]", "reason", "by"),

  /** The admins' quorum lifted a freeze through a governance request: signing resumes. */
  FREEZE_LIFTED("freeze.lifted", "freezeId", "[wallet]", "governanceRequestId"),

  /**
   * A transaction signed in the HSM, with its raw bytes and, for an approved request, the
   * device-signed approvals that authorised it (an offline checker recounts the quorum from them).
   */
  TRANSACTION_SIGNED(
      "transaction.signed",
      "requestId",
      "chainId",
      "from",
      "to",
      "valueWei",
      "nonce",
      "gasLimit",
      "maxFeePerGas",
      "maxPriorityFeePerGas",
      "hash",
      "raw",
      "[attempt]",
      "[replaces]",
      "[authorization]"),

  /** The node accepted a signed transaction (or already had it). */
  TRANSACTION_BROADCAST("transaction.broadcast", "hash", "nonce"),

  /** A transaction mined with success and buried under the configured confirmations. */
  TRANSACTION_CONFIRMED(
      "transaction.confirmed", "hash", "blockNumber", "blockHash", "gasUsed", "status"),

  /** A transaction mined and reverted; its nonce is spent. */
  TRANSACTION_FAILED("transaction.failed", "hash", "blockNumber", "blockHash", "gasUsed", "status"),

  /** Another transaction of the same nonce (a speed-up, a cancel, or the original) was mined. */
  TRANSACTION_REPLACED("transaction.replaced", "hash", "nonce", "minedHash"),

  /** The node's nonce for a wallet moved away from ours: signing for it is held. */
  NONCE_DIVERGED("nonce.diverged", "chainId", "address", "cursor", "nodeNonce"),

  /** An operator lifted a nonce hold; signing resumes at the next nonce. */
  NONCE_RESUMED("nonce.resumed", "chainId", "address", "nextNonce"),

  /** A policy version became the active one, with its whole document. */
  POLICY_ACTIVATED(
      "policy.activated",
      "hash",
      "name",
      "previousHash",
      "deploymentId",
      "chainId",
      "activatedBy",
      "[governanceRequestId]",
      "document"),

  /**
   * A governance change proposed: an approver key to register or revoke (with its proof), a policy
   * or address-book change (with its document and simulation), or a wallet's tags.
   */
  GOVERNANCE_PROPOSED(
      "governance.proposed",
      "governanceRequestId",
      "[address]",
      "[wallet]",
      "[tags]",
      "[previousTags]",
      "[candidateHash]",
      "[baseHash]",
      "[freezeId]",
      "kind",
      "proposer",
      "[proof]",
      "[document]",
      "[simulation]"),

  /** An admin's verdict on a governance change. */
  GOVERNANCE_VERDICT(
      "governance.verdict",
      "governanceRequestId",
      "[address]",
      "[wallet]",
      "[tags]",
      "[previousTags]",
      "[candidateHash]",
      "[baseHash]",
      "[freezeId]",
      "approver",
      "verdict",
      "[comment]"),

  /** The admins' quorum decided a governance change. */
  GOVERNANCE_DECIDED(
      "governance.decided",
      "governanceRequestId",
      "[address]",
      "[wallet]",
      "[tags]",
      "[previousTags]",
      "[candidateHash]",
      "[baseHash]",
      "[freezeId]",
      "state",
      "[notBefore]",
      "rule",
      "policyHash",
      "explanation"),

  /** An approver's device key registered, with its proof of possession and the admins' quorum. */
  APPROVER_REGISTERED(
      "approver.registered",
      "governanceRequestId",
      "address",
      "subject",
      "username",
      "registeredAt",
      "proof",
      "approvals",
      "policyHash"),

  /** An approver's device key revoked under the admins' quorum. */
  APPROVER_REVOKED(
      "approver.revoked",
      "governanceRequestId",
      "address",
      "subject",
      "username",
      "revokedAt",
      "reason",
      "approvals",
      "policyHash");

  private final EntryType type;
  private final List<String> payloadFields;

  AuditEntryType(String name, String... payloadFields) {
    this.type = new EntryType(name);
    this.payloadFields = List.of(payloadFields);
  }

  /** The type as the audit log stores it. */
  public EntryType type() {
    return type;
  }

  /** The dotted name, e.g. {@code transaction.signed}. */
  public String typeName() {
    return type.name();
  }

  /** The payload's field names; a name in brackets is optional. */
  public List<String> payloadFields() {
    return payloadFields;
  }

  /** The catalogue entry of a stored type name. */
  public static Optional<AuditEntryType> byName(String name) {
    return Arrays.stream(values()).filter(t -> t.typeName().equals(name)).findFirst();
  }
}
