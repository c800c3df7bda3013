package io.custos.policy.model;

import java.util.List;

/** Who must approve: a count from one group, or all / any of nested quorums. */
public sealed interface Quorum {

  /**
   * {@code count} distinct members of {@code group}.
   *
   * @param group the approval group
   * @param count how many members must approve (at least 1)
   */
  record Group(String group, int count) implements Quorum {
    public Group {
      if (group == null || count < 1) {
        throw new IllegalArgumentException(
            "a group quorum needs a group and a count of at least 1");
      }
    }
  }

  /** Every one of the parts, with each person counted once across all parts. */
  record AllOf(List<Quorum> parts) implements Quorum {
    public AllOf {
      parts = List.copyOf(parts);
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("all_of needs at least one part");
      }
    }
  }

  /** Any one of the parts. */
  record AnyOf(List<Quorum> parts) implements Quorum {
    public AnyOf {
      parts = List.copyOf(parts);
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("any_of needs at least one part");
      }
    }
  }
}
