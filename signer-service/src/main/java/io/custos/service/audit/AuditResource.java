package io.custos.service.audit;

import io.custos.audit.AuditLog;
import io.custos.audit.checkpoint.Checkpoint;
import io.custos.audit.checkpoint.CheckpointSigner;
import io.custos.audit.proof.InclusionProof;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What an auditor needs to check the log offline: the checkpoint key, signed checkpoints, the
 * export and inclusion proofs. Verification itself runs on the auditor's side (the audit-log
 * verifier), with nothing from this server trusted but the public key the auditor pinned.
 *
 * <p>Auditors only: the log is the check on what everyone else did, admins included, so reading it
 * is the auditor's role and no other role implies it (docs/permissions.md).
 */
@Path("/api/v1/audit")
@RolesAllowed("auditor")
public class AuditResource {

  /** A checkpoint as the API shows it; {@code note} is the signed note to verify. */
  public record CheckpointView(
      String origin, long size, String rootHash, String time, String note) {
    static CheckpointView of(Checkpoint c) {
      return new CheckpointView(
          c.origin(), c.size(), c.root().toString(), c.time().toString(), c.note());
    }
  }

  /** An inclusion proof: the audit path of one entry in the tree of {@code treeSize} entries. */
  public record ProofView(long seq, long treeSize, List<String> path) {}

  private final AuditLog log;
  private final CheckpointSigner signer;

  AuditResource(AuditLog log, CheckpointSigner signer) {
    this.log = log;
    this.signer = signer;
  }

  /** The checkpoint public key (PEM), to pin once and verify every checkpoint with. */
  @GET
  @Path("/key")
  @Produces("application/x-pem-file")
  public String key() {
    return signer.publicKey().toPem();
  }

  @GET
  @Path("/checkpoint")
  @Produces(MediaType.APPLICATION_JSON)
  public CheckpointView latest() {
    return log.latestCheckpoint()
        .map(CheckpointView::of)
        .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "no checkpoint yet"));
  }

  /** Signs a checkpoint now, covering everything sequenced so far. */
  @POST
  @Path("/checkpoint")
  @Produces(MediaType.APPLICATION_JSON)
  public CheckpointView checkpointNow() {
    return CheckpointView.of(log.checkpoint());
  }

  /** Every entry and checkpoint as JSON Lines, from one consistent snapshot. */
  @GET
  @Path("/export")
  @Produces("application/jsonl")
  public StreamingOutput export() {
    return out -> {
      var w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      log.export(w);
      w.flush();
    };
  }

  @GET
  @Path("/entries/{seq}/proof")
  @Produces(MediaType.APPLICATION_JSON)
  public ProofView proof(@PathParam("seq") long seq, @QueryParam("treeSize") Long treeSize) {
    long size =
        treeSize != null ? treeSize : log.latestCheckpoint().map(Checkpoint::size).orElse(0L);
    if (seq < 0 || seq >= size) {
      throw new ApiException(
          ProblemType.UNPROCESSABLE,
          "entry " + seq + " is not in a tree of size " + size,
          Map.of("treeSize", size));
    }
    InclusionProof p = log.inclusionProof(seq, size);
    return new ProofView(seq, size, p.path().stream().map(Object::toString).toList());
  }
}
