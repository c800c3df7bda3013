package io.custos.audit;

/**
 * Who caused an entry: a user's subject, an approver id, or a service component such as {@code
 * system:broadcaster}.
 *
 * @param id non-blank, at most 256 characters
 */
public record Actor(String id) {

  public Actor {
    Text.requireToken(id, "actor id");
  }

  @Override
  public String toString() {
    return id;
  }
}
