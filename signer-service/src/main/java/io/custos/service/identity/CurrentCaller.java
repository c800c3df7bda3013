package io.custos.service.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/** Turns the verified access token of the current request into a {@link Caller}. */
@ApplicationScoped
public class CurrentCaller {

  /**
   * Keycloak's "Client ID" mapper copies the client of a client-credentials grant into this claim;
   * no other grant sets it. A username says nothing: a person may be called {@code
   * service-account-x}.
   */
  static final String CLIENT_ID_CLAIM = "client_id";

  private static final Logger LOG = Logger.getLogger(CurrentCaller.class);

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
        serviceAccount());
  }

  /** The token was issued to a client for itself, and names the client that holds it. */
  private boolean serviceAccount() {
    String clientId = jwt.getClaim(CLIENT_ID_CLAIM);
    String holder = jwt.getClaim("azp");
    return clientId != null && clientId.equals(holder);
  }

  /**
   * Group names as policies see them: a top-level group by its name ({@code /treasury} is {@code
   * treasury}), a nested one by its full path ({@code /other/treasury}), so that two groups of the
   * same name never pass for each other. A name that is not a full path is dropped: it cannot be
   * told apart from a nested group's (the realm's group mapper must set {@code full.path}).
   */
  private Set<String> groups() {
    Object claim = jwt.getClaim("groups");
    Set<String> out = new HashSet<>();
    if (claim instanceof Collection<?> values) {
      for (Object v : values) {
        String path = v instanceof JsonString js ? js.getString() : String.valueOf(v);
        if (!path.startsWith("/")) {
          LOG.warnf("group %s ignored: the groups claim must carry full paths", path);
        } else if (path.indexOf('/', 1) < 0) {
          out.add(path.substring(1));
        } else {
          out.add(path);
        }
      }
    }
    return out;
  }
}
