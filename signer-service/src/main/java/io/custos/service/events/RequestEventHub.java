package io.custos.service.events;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    /** Receives an event; returns false once the subscriber is gone. */
    boolean onEvent(RequestEvent event);

    /** Called when no event came for a while; returns false once the subscriber is gone. */
    boolean onIdle();
  }

  private final DataSource dataSource;
  private final ObjectMapper json;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private Thread listener;

  RequestEventHub(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
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

  public void subscribe(Subscriber subscriber) {
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
