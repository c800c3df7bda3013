package io.custos.service.request;

import io.custos.policy.Decision;
import java.time.Instant;

/**
 * A policy decision on a request and what it means for the request.
 *
 * @param state the request's new state
 * @param decision the engine's decision
 * @param explanationJson the decision and its rendered trace, as stored ({@code jsonb})
 * @param notBefore the release time when allowed, else null
 * @param allowedAt the evaluation time when allowed (velocity windows count from it), else null
 */
record Evaluation(
    RequestState state,
    Decision decision,
    String explanationJson,
    Instant notBefore,
    Instant allowedAt) {}
