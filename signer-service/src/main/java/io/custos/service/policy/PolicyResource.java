package io.custos.service.policy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The active policy and its versions, readable by every Custos role: people should know the rules.
 * A token with no Custos role is refused, like everywhere but {@code /api/v1/me}.
 */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"requester", "approver", "operator", "admin", "auditor"})
public class PolicyResource {

  private final ActivePolicy active;
  private final PolicyVersions versions;

  PolicyResource(ActivePolicy active, PolicyVersions versions) {
    this.active = active;
    this.versions = versions;
  }

  @GET
  @Transactional
  public PolicyView show() {
    ActivePolicy.Snapshot s = active.refresh();
    PolicyVersionView v = versions.active().map(PolicyVersions.Version::view).orElseThrow();
    boolean recorded = v.hash().equals(s.policy().hash());
    return new PolicyView(
        s.policy().name(),
        s.policy().hash(),
        s.document(),
        recorded ? v.activatedAt() : null,
        recorded ? v.activatedBy() : null,
        recorded ? v.governanceRequest() : null);
  }

  /** Every version, newest (the active one) first. */
  @GET
  @Path("versions")
  @Transactional
  public List<PolicyVersionView> versions() {
    return versions.list();
  }
}
