package io.custos.service.request;

import java.util.UUID;

/**
 * Fired in the transaction that made a request APPROVED; observed after that transaction commits,
 * so that sending starts at once instead of at the release worker's next tick.
 *
 * @param requestId the approved request
 */
record ReadyToSend(UUID requestId) {}
