package io.custos.service.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.identity.Caller;
import io.custos.service.identity.CurrentCaller;
import io.custos.service.request.RequestQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/requests/events[?id=]}: a server-sent event {@code request} for every state
 * change of the requests the caller may read (a requester: their own; approvers, admins, auditors,
 * operators: all), from the moment of subscription.
 */
@Path("/api/v1/requests/events")
@RolesAllowed({"requester", "approver", "operator", "admin", "auditor"})
public class RequestEventResource {

  private static final Logger LOG = Logger.getLogger(RequestEventResource.class);

  private final RequestEventHub hub;
  private final RequestQueries queries;
  private final CurrentCaller caller;
  private final ObjectMapper json;

  RequestEventResource(
      RequestEventHub hub, RequestQueries queries, CurrentCaller caller, ObjectMapper json) {
    this.hub = hub;
    this.queries = queries;
    this.caller = caller;
    this.json = json;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@QueryParam("id") UUID id, @Context SseEventSink sink, @Context Sse sse) {
    Caller who = caller.get();
    if (id != null) {
      queries.show(id, who); // 404 unless the caller may read it
    }
    hub.subscribe(
        new Stream(
            sink, sse, id, who.subject(), RequestQueries.readsAll(who) ? null : who.subject()));
  }

  /** One client's stream: filters, writes, and reports itself gone once the client left. */
  private final class Stream implements RequestEventHub.Subscriber {

    private final SseEventSink sink;
    private final Sse sse;
    private final UUID only;
    private final String subject;
    private final String requester;

    Stream(SseEventSink sink, Sse sse, UUID only, String subject, String requester) {
      this.sink = sink;
      this.sse = sse;
      this.only = only;
      this.subject = subject;
      this.requester = requester;
    }

    @Override
    public String subject() {
      return subject;
    }

    @Override
    public boolean isOpen() {
      return !sink.isClosed();
    }

    @Override
    public boolean onEvent(RequestEvent event) {
      if (sink.isClosed()) {
        return false;
      }
      if ((only != null && !only.equals(event.id()))
          || (requester != null && !requester.equals(event.requester()))) {
        return true;
      }
      OutboundSseEvent out =
          sse.newEventBuilder()
              .name("request")
              .id(Long.toString(event.seq()))
              .data(write(event))
              .build();
      return send(out);
    }

    @Override
    public boolean onIdle() {
      return !sink.isClosed() && send(sse.newEventBuilder().comment("keep-alive").build());
    }

    private boolean send(OutboundSseEvent out) {
      try {
        sink.send(out)
            .whenComplete(
                (ok, failure) -> {
                  if (failure != null) {
                    sink.close();
                  }
                });
        return true;
      } catch (RuntimeException e) {
        LOG.debugf("an event stream ended: %s", e.getMessage());
        return false;
      }
    }

    private String write(RequestEvent event) {
      try {
        return json.writeValueAsString(event);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a request event cannot be written", e);
      }
    }
  }
}
