package io.custos.service.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL for the request events that the triggers of {@code V8__request_events.sql}
 * announce, and hands each to the current subscribers. Every instance listens on its own
 * connection, so each sees every change committed by any instance. A lost connection is opened
 * again; events committed while it was down are not replayed (a client re-reads the request).
 */
@ApplicationScoped
public class RequestEventHub {

  static final String CHANNEL = "custos_request_events";
  private static final Logger LOG = Logger.getLogger(RequestEventHub.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /** One subscriber: it receives events and keep-alive ticks until it says it is closed. */
  public interface Subscriber {
    /** Who opened it: the caps count streams per subject. */
    String subject();

    /** False once the client has gone, so a stream that closed no longer counts. */
    boolean isOpen();

    /** Receives an event; returns false once the subscriber is gone. */
    boolean onEvent(RequestEvent event);

    /** Called when no event came for a while; returns false once the subscriber is gone. */
    boolean onIdle();
  }

  private final DataSource dataSource;
  private final ObjectMapper json;
  private final EventsConfig limits;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private Thread listener;

  RequestEventHub(DataSource dataSource, ObjectMapper json, EventsConfig limits) {
    this.dataSource = dataSource;
    this.json = json;
    this.limits = limits;
  }

  void start(@Observes StartupEvent ignored) {
    running = true;
    listener = Thread.ofPlatform().daemon().name("request-events").start(this::listen);
  }

  void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
    running = false;
    if (listener != null) {
      listener.interrupt();
      listener.join(POLL.multipliedBy(3));
    }
  }

  /**
   * Adds a subscriber unless that would exceed the caps: each open stream holds a connection, so
   * one caller opening streams without end could starve everyone else.
   *
   * @throws ApiException {@link ProblemType#TOO_MANY_STREAMS} over either cap
   */
  public synchronized void subscribe(Subscriber subscriber) {
    subscribers.removeIf(s -> !s.isOpen());
    if (subscribers.size() >= limits.maxConnections()) {
      throw new ApiException(
          ProblemType.TOO_MANY_STREAMS,
          "this instance already serves " + limits.maxConnections() + " event streams");
    }
    long own = subscribers.stream().filter(s -> s.subject().equals(subscriber.subject())).count();
    if (own >= limits.maxConnectionsPerSubject()) {
      throw new ApiException(
          ProblemType.TOO_MANY_STREAMS,
          "you already have "
              + own
              + " event streams open; close one first (at most "
              + limits.maxConnectionsPerSubject()
              + ")");
    }
    subscribers.add(subscriber);
  }

  public void unsubscribe(Subscriber subscriber) {
    subscribers.remove(subscriber);
  }

  private void listen() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        receive(c.unwrap(PGConnection.class));
      } catch (SQLException e) {
        if (running) {
          LOG.warnf("request events paused, listening again in %s: %s", POLL, e.getMessage());
          sleep();
        }
      }
    }
  }

  private void receive(PGConnection pg) throws SQLException {
    long idleSince = System.nanoTime();
    while (running) {
      PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
      if (notifications != null && notifications.length > 0) {
        for (PGNotification n : notifications) {
          publish(n.getParameter());
        }
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince > HEARTBEAT.toNanos()) {
        subscribers.removeIf(s -> !s.onIdle());
        idleSince = System.nanoTime();
      }
    }
  }

  private void publish(String payload) {
    if (subscribers.isEmpty()) {
      return;
    }
    RequestEvent event;
    try {
      event = RequestEvent.of(json.readTree(payload));
    } catch (Exception e) {
      LOG.warnf("an unreadable request event was dropped: %s", e.getMessage());
      return;
    }
    subscribers.removeIf(s -> !s.onEvent(event));
  }

  private void sleep() {
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
