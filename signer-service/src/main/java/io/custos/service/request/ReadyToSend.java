package io.custos.service.request;

import jakarta.enterprise.event.Event;
import java.util.UUID;

/**
 * Fired in the transaction that made a request APPROVED; observed after that transaction commits,
 * so that sending starts at once instead of at the release worker's next tick.
 *
 * @param requestId the approved request
 */
record ReadyToSend(UUID requestId) {

  /**
   * An approved request is sent right after this transaction commits ({@link ImmediateRelease}).
   */
  static void whenApproved(Event<ReadyToSend> ready, UUID id, Evaluation e) {
    if (e.state() == RequestState.APPROVED) {
      ready.fire(new ReadyToSend(id));
    }
  }
}
