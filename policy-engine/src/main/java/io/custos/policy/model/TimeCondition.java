package io.custos.policy.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The evaluation time falls on one of the days, within {@code [from, to)} in the zone. A window
 * with {@code to} before {@code from} crosses midnight (the day is the day it starts).
 *
 * @param days accepted days of the week
 * @param from start of the daily window
 * @param to end of the daily window (exclusive)
 * @param zone the time zone the window is read in
 */
public record TimeCondition(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone)
    implements Condition {
  public TimeCondition {
    days = Set.copyOf(EnumSet.copyOf(days));
    if (from == null || to == null || zone == null || from.equals(to)) {
      throw new IllegalArgumentException("a time window needs distinct start and end and a zone");
    }
  }

  @Override
  public boolean test(EvaluationContext context) {
    ZonedDateTime local = context.now().atZone(zone);
    LocalTime time = local.toLocalTime();
    if (!from.isAfter(to)) {
      return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }
    if (!time.isBefore(from)) {
      return days.contains(local.getDayOfWeek());
    }
    return time.isBefore(to) && days.contains(local.getDayOfWeek().minus(1));
  }

  @Override
  public String mismatch(EvaluationContext context) {
    ZonedDateTime local = context.now().atZone(zone);
    return "time " + local.getDayOfWeek() + " " + local.toLocalTime() + " is outside " + window();
  }

  @Override
  public String describe() {
    return "time within " + window();
  }

  private String window() {
    return days + " " + from + "-" + to + " " + zone;
  }

  @Override
  public int cost() {
    return 6;
  }

  @Override
  public boolean timeIndependent() {
    return false;
  }
}
