package io.custos.audit;

/**
 * What an entry is about, as a typed id such as {@code request:7f3a...} or {@code key:treasury-1}.
 *
 * @param value non-blank, at most 256 characters
 */
public record SubjectId(String value) {

  public SubjectId {
    Text.requireToken(value, "subject id");
  }

  @Override
  public String toString() {
    return value;
  }
}
