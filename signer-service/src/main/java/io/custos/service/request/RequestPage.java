package io.custos.service.request;

import java.util.List;
import java.util.UUID;

/**
 * One page of requests, newest first.
 *
 * @param items the requests
 * @param next the {@code after} value for the next page, or null on the last
 */
public record RequestPage(List<RequestView> items, UUID next) {}
