package io.custos.service.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Turns the verified access token of the current request into a {@link Caller}. */
@ApplicationScoped
public class CurrentCaller {

  /** Keycloak names a client's service-account user with this prefix. */
  static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

  private final SecurityIdentity identity;
  private final JsonWebToken jwt;

  CurrentCaller(SecurityIdentity identity, JsonWebToken jwt) {
    this.identity = identity;
    this.jwt = jwt;
  }

  /** The caller of the request being served; only valid inside an authenticated request. */
  public Caller get() {
    String username = jwt.getClaim("preferred_username");
    return new Caller(
        jwt.getSubject(),
        username == null ? jwt.getSubject() : username,
        identity.getRoles(),
        groups(),
        username != null && username.startsWith(SERVICE_ACCOUNT_PREFIX));
  }

  private Set<String> groups() {
    Object claim = jwt.getClaim("groups");
    Set<String> out = new HashSet<>();
    if (claim instanceof Collection<?> values) {
      for (Object v : values) {
        out.add(v instanceof JsonString js ? js.getString() : String.valueOf(v));
      }
    }
    return out;
  }
}
